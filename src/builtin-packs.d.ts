// Virtual module made by scripts/build.mjs: the parsed JSON of every pack in rules/.
declare module 'cando:builtin-packs' {
  const packs: unknown[];
  export default packs;
}
