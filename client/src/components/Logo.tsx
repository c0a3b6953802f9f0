export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--color-brand)" />
      <path d="M10 12h9a5 5 0 0 1 0 10h-6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      <path d="M13.5 8.5 10 12l3.5 3.5" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
