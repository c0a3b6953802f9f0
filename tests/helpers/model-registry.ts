import pg from 'pg';

/**
 * Registers another version of the active model in the database's registry, as a release with a newly trained
 * model does (its intercept moved, so it scores differently); not activated. Answers the new version.
 */
export async function registerModelCopy(databaseUrl: string, version: string, from?: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `insert into risk_model_versions (version, contract_version, created_at, metrics, training_data_sha256, training_rows, training, artifact)
       select $1::text, contract_version, now(), metrics, training_data_sha256, training_rows, training,
              jsonb_set(jsonb_set(artifact, '{version}', to_jsonb($1::text)), '{intercept}', to_jsonb((artifact->>'intercept')::float8 + 0.5))
         from risk_model_versions where ${from ? 'version = $2' : 'active'}`,
      from ? [version, from] : [version],
    );
    if (rowCount !== 1) throw new Error(`no ${from ?? 'active'} model to copy`);
    return version;
  } finally {
    await client.end();
  }
}
