/** Where commands report what they are doing (the CLI prints to stderr; tests pass nothing). */
export type Progress = (line: string) => void;

export const silent: Progress = () => undefined;

export function stderrProgress(prefix: string): Progress {
  return (line) => process.stderr.write(`[${prefix}] ${line}\n`);
}
