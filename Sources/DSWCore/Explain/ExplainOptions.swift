/// The options of `explain MODEL`: `feature:` names the feature of the
/// dependence chart, `data:` the dataset whose rows are explained (instead of
/// the holdout). Both take a bare or quoted name.
struct ExplainOptions {
  var feature: Name?
  var data: Name?

  init(_ options: [Option]) throws(Diagnostic) {
    for option in options {
      let name = option.name.text
      guard OptionNames.explain.contains(name) else {
        throw OptionErrors.unknown(option.name, valid: OptionNames.explain, context: "`explain`")
      }
      let value: Name
      switch option.value.kind {
      case .name(let text), .literal(.string(let text)): value = Name(text, span: option.value.span)
      default:
        throw Diagnostic.error(
          "E232",
          name == "feature"
            ? "`feature` must name a feature, such as `feature: days_since_last`"
            : "`data` must name a dataset, such as `data: features`", at: option.value.span)
      }
      if name == "feature" { feature = value } else { data = value }
    }
  }
}
