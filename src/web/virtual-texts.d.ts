// The parts of a language's dictionary that vite.config.ts (textParts) makes at build time.
declare module 'virtual:texts/*' {
  const texts: import('../shared/i18n/texts').Texts;
  export default texts;
}
