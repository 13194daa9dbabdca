/// Finds parameters that share a name with a column, for `dsw check`.
///
/// Inside a pipeline a column shadows a parameter of the same name (DESIGN.md
/// §4), which is easy to miss. Without running anything, `dsw check` knows the
/// columns the notebook's own statements name (`derive`, `select`,
/// `aggregate`, `window`, `rename`) and those `synth` generates; a parameter
/// named like one of them gets a warning.
public enum ParameterShadowing {
  /// One warning per shadowed parameter, with the cell (0-based) it is declared in.
  public static func warnings(_ programs: [(cell: Int, program: Program)]) -> [(
    cell: Int, diagnostic: Diagnostic
  )] {
    var columns: [String: String] = [:]
    for (_, program) in programs {
      for statement in program.statements { collect(statement, into: &columns) }
    }
    var found: [(cell: Int, diagnostic: Diagnostic)] = []
    for (cell, program) in programs {
      for statement in program.statements {
        guard case .param(let name, _) = statement.kind, let origin = columns[name.text] else {
          continue
        }
        found.append(
          (
            cell,
            Diagnostic.warning(
              "W201", "the parameter `\(name.text)` has the name of a column", at: name.span,
              notes: [
                "`\(name.text)` is \(origin); in a pipeline that has this column, "
                  + "`\(name.text)` means the column, not the parameter"
              ],
              help: "give the parameter another name")
          ))
      }
    }
    return found
  }

  private static func collect(_ statement: Statement, into columns: inout [String: String]) {
    switch statement.kind {
    case .synth(let generator, _):
      let tables: [(String, Table)]
      switch generator.text {
      case "cmle":
        guard let generated = try? CMLESynth.generate(users: 1, seed: 0) else { return }
        tables = [("profiles", generated.profiles), ("events", generated.events)]
      case "groupby":
        tables = [("groupby", GroupBySynth.generate(rows: 1, k: 1, seed: 0))]
      default: return
      }
      for (dataset, table) in tables {
        for name in table.names where columns[name] == nil {
          columns[name] = "a column of `\(dataset)` (made by `synth \(generator.text)`)"
        }
      }
    case .letBinding(_, let pipeline), .pipeline(let pipeline), .audience(_, let pipeline):
      for transform in pipeline.transforms {
        for name in madeColumns(transform) where columns[name] == nil {
          columns[name] = "a column made by `\(transform.keyword)`"
        }
      }
    default: break
    }
  }

  private static func madeColumns(_ transform: Transform) -> [String] {
    func names(_ items: [NamedExpr]) -> [String] {
      items.map { $0.name?.text ?? ExpressionNaming.defaultName(for: $0.expr) }
    }
    switch transform.kind {
    case .select(let items), .derive(let items): return names(items)
    case .aggregate(let items, let keys): return names(items) + names(keys)
    case .window(_, _, let items): return names(items)
    case .rename(let pairs): return pairs.map(\.left.text)
    default: return []
    }
  }
}
