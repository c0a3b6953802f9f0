import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET_KEY, deriveSecret, loadConfig } from '../../../config.js';

const S3 = { STORAGE_DRIVER: 's3', S3_BUCKET: 'returnhub-files', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('storage and file settings', () => {
  it('defaults to local disk under the data folder, with a signing secret derived from the development SECRET_KEY and 5-minute links', () => {
    const config = loadConfig({ DATA_DIR: '/srv/returnhub' });
    expect(config.storage).toEqual({ driver: 'local', localDir: '/srv/returnhub/files' });
    expect(config.fileSigningSecret).toBe(deriveSecret(DEV_SECRET_KEY, 'file-signing'));
    expect(config.fileLinkTtlSeconds).toBe(300);
    expect(config.uploadMaxRequestBytes).toBe(100 * 1024 * 1024);
  });

  it('reads the S3 settings', () => {
    expect(loadConfig({ ...S3, S3_REGION: 'eu-west-1', S3_FORCE_PATH_STYLE: 'true' }).storage).toEqual({
      driver: 's3',
      bucket: 'returnhub-files',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    });
    expect(loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b-1' }).storage).toMatchObject({ region: 'us-east-1', endpoint: undefined, accessKeyId: undefined, forcePathStyle: false });
  });

  it('names each bad setting', () => {
    expect(problems({ STORAGE_DRIVER: 'ftp' })).toEqual(['STORAGE_DRIVER must be one of local, s3 (got "ftp")']);
    expect(problems({ STORAGE_DRIVER: 's3' })[0]).toMatch(/^S3_BUCKET must name a bucket/);
    expect(problems({ ...S3, S3_BUCKET: 'Not_A_Bucket' })[0]).toMatch(/^S3_BUCKET/);
    expect(problems({ ...S3, S3_ENDPOINT: 'minio:9000' })).toEqual(['S3_ENDPOINT must be an http:// or https:// URL']);
    expect(problems({ ...S3, S3_SECRET_ACCESS_KEY: '' })[0]).toMatch(/^S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/);
    expect(problems({ ...S3, S3_FORCE_PATH_STYLE: 'maybe' })).toEqual(['S3_FORCE_PATH_STYLE must be true or false (got "maybe")']);
    expect(problems({ FILE_LINK_TTL_SECONDS: '0' })[0]).toMatch(/^FILE_LINK_TTL_SECONDS/);
    expect(problems({ UPLOAD_MAX_REQUEST_MB: 'lots' })[0]).toMatch(/^UPLOAD_MAX_REQUEST_MB/);
  });

  it('refuses a development or short signing secret in production; unset, it derives from SECRET_KEY', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/returnhub', PUBLIC_URL: 'https://returns.example.com', SECRET_KEY: 'k'.repeat(40) };
    const refused = 'FILE_SIGNING_SECRET, when set, must be a random value of at least 32 characters in production (leave it unset to derive it from SECRET_KEY)';
    expect(problems({ ...production, FILE_SIGNING_SECRET: 'dev-only-file-signing-secret-not-for-production' })).toContain(refused);
    expect(problems({ ...production, FILE_SIGNING_SECRET: 'short' })).toContain(refused);
    expect(problems({ ...production, FILE_SIGNING_SECRET: 'x'.repeat(40) })).toEqual([]);
    expect(loadConfig(production).fileSigningSecret).toBe(deriveSecret('k'.repeat(40), 'file-signing'));
  });
});
