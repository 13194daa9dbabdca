// The theme file's fuzz target: a file, decoded; a theme that decodes must
// write out and read back as the same theme. Compiled only for
// `scripts/fuzz.sh theme` (with DSWTerminal's sources).

#if canImport(Glibc)
  import Glibc
#endif

func fuzzTheme(_ bytes: [UInt8]) {
  guard let theme = try? Theme.decode(jsonBytes: bytes) else { return }
  let written = Array(theme.jsonText.utf8)
  guard let again = try? Theme.decode(jsonBytes: written) else { abort() }
  if again.jsonText != theme.jsonText { abort() }
}
