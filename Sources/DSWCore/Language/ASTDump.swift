/// A readable, indented dump of a syntax tree, with each node's position as
/// `@line:column`; used as golden text in tests and by debugging tools.
public enum ASTDump {
  public static func dump(_ program: Program) -> String {
    var writer = DumpWriter()
    for statement in program.statements { writer.statement(statement) }
    return writer.lines.joined(separator: "\n")
  }

  public static func dump(_ expr: Expr) -> String {
    var writer = DumpWriter()
    writer.expr(expr)
    return writer.lines.joined(separator: "\n")
  }
}

private struct DumpWriter {
  var lines: [String] = []
  var depth = 0

  mutating func line(_ text: String, _ span: SourceSpan) {
    lines.append(String(repeating: "  ", count: depth) + text + " @\(span.line):\(span.column)")
  }

  mutating func nested(_ body: (inout DumpWriter) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  mutating func name(_ role: String, _ name: Name) {
    line("\(role) \(quoted(name.text))", name.span)
  }

  mutating func names(_ role: String, _ names: [Name]) {
    for item in names { name(role, item) }
  }

  mutating func model(_ role: String, _ model: ModelRef) {
    let version = model.version.map { "@\($0)" } ?? ""
    line("\(role) \(quoted(model.name.text))\(version)", model.name.span)
  }

  mutating func path(_ path: String, _ span: SourceSpan) {
    line("path \(literal(path))", span)
  }

  mutating func options(_ options: [Option]) {
    for option in options {
      line("option \(option.name.text)", option.name.span)
      nested { $0.expr(option.value) }
    }
  }

  mutating func named(_ items: [NamedExpr]) {
    for item in items {
      if let name = item.name {
        line("named \(quoted(name.text))", name.span)
      } else {
        line("unnamed", item.expr.span)
      }
      nested { $0.expr(item.expr) }
    }
  }

  mutating func sortKeys(_ keys: [SortKey]) {
    for key in keys {
      line(key.descending ? "key descending" : "key ascending", key.expr.span)
      nested { $0.expr(key.expr) }
    }
  }

  mutating func statement(_ statement: Statement) {
    let span = statement.span
    switch statement.kind {
    case .param(let name, let value):
      line("param", span)
      nested {
        $0.name("name", name)
        $0.expr(value)
      }
    case .synth(let generator, let options):
      line("synth", span)
      nested {
        $0.name("generator", generator)
        $0.options(options)
      }
    case .load(let path, let pathSpan, let name, let options):
      line("load", span)
      nested {
        $0.path(path, pathSpan)
        $0.name("as", name)
        $0.options(options)
      }
    case .letBinding(let name, let pipeline):
      line("let", span)
      nested {
        $0.name("name", name)
        $0.pipeline(pipeline)
      }
    case .pipeline(let pipeline):
      self.pipeline(pipeline)
    case .datasets: line("datasets", span)
    case .models: line("models", span)
    case .audiences: line("audiences", span)
    case .schema(let name): single("schema", span, "dataset", name)
    case .describe(let name): single("describe", span, "dataset", name)
    case .drop(let name): single("drop", span, "dataset", name)
    case .correlate(let name, let columns):
      line("correlate", span)
      nested {
        $0.name("dataset", name)
        $0.names("column", columns)
      }
    case .expect(let name, let conditions):
      line("expect", span)
      nested {
        $0.name("dataset", name)
        for condition in conditions { $0.expr(condition) }
      }
    case .funnel(let name, let options):
      line("funnel", span)
      nested {
        $0.name("dataset", name)
        $0.options(options)
      }
    case .export(let name, let path, let pathSpan, let options):
      line("export", span)
      nested {
        $0.name("dataset", name)
        $0.path(path, pathSpan)
        $0.options(options)
      }
    case .train(let name, let algorithm, let dataset, let arguments):
      line("train", span)
      nested {
        $0.name("model", name)
        $0.name("algorithm", algorithm)
        $0.name("dataset", dataset)
        $0.options(arguments)
      }
    case .evaluate(let model):
      line("evaluate", span)
      nested { $0.model("model", model) }
    case .explain(let model, let options):
      line("explain", span)
      nested {
        $0.model("model", model)
        $0.options(options)
      }
    case .tune(let name, let algorithm, let dataset, let arguments):
      line("tune", span)
      nested {
        $0.name("model", name)
        $0.name("algorithm", algorithm)
        $0.name("dataset", dataset)
        $0.options(arguments)
      }
    case .runs: line("runs", span)
    case .compare(let models):
      line("compare", span)
      nested { for model in models { $0.model("model", model) } }
    case .saveModel(let model, let path, let pathSpan):
      line("save model", span)
      nested {
        $0.model("model", model)
        $0.path(path, pathSpan)
      }
    case .loadModel(let path, let pathSpan, let name):
      line("load model", span)
      nested {
        $0.path(path, pathSpan)
        $0.name("as", name)
      }
    case .ingest(let dataset, let target, let identity, let namespace):
      line("ingest", span)
      nested {
        $0.name("dataset", dataset)
        $0.name("into", target)
        $0.name("by", identity)
        if let namespace { $0.name("namespace", namespace) }
      }
    case .audience(let name, let pipeline):
      line("audience", span)
      nested {
        $0.name("name", name)
        $0.pipeline(pipeline)
      }
    case .overlap(let first, let second):
      line("overlap", span)
      nested {
        $0.name("audience", first)
        $0.name("audience", second)
      }
    case .activate(let name, let path, let pathSpan, let columns, let options):
      line("activate", span)
      nested {
        $0.name("audience", name)
        $0.path(path, pathSpan)
        if let columns {
          $0.line("with \(columns.count) columns", columns.first?.span ?? pathSpan)
          $0.nested { $0.names("column", columns) }
        }
        $0.options(options)
      }
    case .connect(let name, let url, let options):
      line("connect", span)
      nested {
        $0.name("connection", name)
        $0.expr(url)
        $0.options(options)
      }
    case .connections: line("connections", span)
    case .disconnect(let name): single("disconnect", span, "connection", name)
    case .remoteDatasets(let name): single("datasets", span, "connection", name)
    case .sqlQuery(let name, let connection, let sql, let sqlSpan):
      line("sql", span)
      nested {
        if let name { $0.name("let", name) }
        $0.name("connection", connection)
        $0.path(sql, sqlSpan)
      }
    case .exportToEngine(let name, let target, let options):
      line("export", span)
      nested {
        $0.name("dataset", name)
        $0.name("table", target)
        $0.options(options)
      }
    }
  }

  mutating func single(_ label: String, _ span: SourceSpan, _ role: String, _ name: Name) {
    line(label, span)
    nested { $0.name(role, name) }
  }

  mutating func pipeline(_ pipeline: Pipeline) {
    line("from \(quoted(pipeline.source.text))", pipeline.span)
    nested {
      for transform in pipeline.transforms { $0.transform(transform) }
    }
  }

  mutating func transform(_ transform: Transform) {
    let span = transform.span
    switch transform.kind {
    case .filter(let condition):
      line("| filter", span)
      nested { $0.expr(condition) }
    case .select(let items):
      line("| select", span)
      nested { $0.named(items) }
    case .drop(let names):
      line("| drop", span)
      nested { $0.names("column", names) }
    case .rename(let pairs):
      line("| rename", span)
      nested {
        for pair in pairs {
          $0.line("\($0.quoted(pair.left.text)) = \($0.quoted(pair.right.text))", pair.left.span)
        }
      }
    case .derive(let items):
      line("| derive", span)
      nested { $0.named(items) }
    case .aggregate(let items, let keys):
      line("| aggregate", span)
      nested {
        $0.named(items)
        if !keys.isEmpty {
          $0.line("by", keys[0].name?.span ?? keys[0].expr.span)
          $0.nested { $0.named(keys) }
        }
      }
    case .sort(let keys):
      line("| sort", span)
      nested { $0.sortKeys(keys) }
    case .take(let count):
      line("| take", span)
      nested { $0.expr(count) }
    case .distinct(let keys):
      line("| distinct", span)
      nested { $0.names("key", keys) }
    case .join(let kind, let dataset, let condition):
      line("| join \(kind.rawValue)", span)
      nested {
        $0.name("dataset", dataset)
        switch condition {
        case .using(let keys): $0.names("key", keys)
        case .equalities(let pairs):
          for pair in pairs {
            $0.line("\($0.quoted(pair.left.text)) == \($0.quoted(pair.right.text))", pair.left.span)
          }
        }
      }
    case .append(let dataset):
      line("| append", span)
      nested { $0.name("dataset", dataset) }
    case .pivot(let column, let value, let keys):
      line("| pivot", span)
      nested {
        $0.name("column", column)
        $0.named([value])
        $0.names("by", keys)
      }
    case .window(let keys, let order, let derived):
      line("| window", span)
      nested {
        $0.names("by", keys)
        $0.sortKeys(order)
        $0.named(derived)
      }
    case .sample(let amount, let percent, let options):
      line(percent ? "| sample percent" : "| sample rows", span)
      nested {
        $0.expr(amount)
        $0.options(options)
      }
    case .expect(let conditions):
      line("| expect", span)
      nested { for condition in conditions { $0.expr(condition) } }
    case .score(let step):
      line("| score", span)
      nested {
        for model in step.models { $0.model("model", model) }
        $0.options(step.options)
      }
    case .chart(let kind, let x, let y, let by, let options):
      line("| chart \(kind.rawValue)", span)
      nested {
        $0.name("x", x)
        for name in y { $0.name("y", name) }
        if let by { $0.name("by", by) }
        $0.options(options)
      }
    case .describe:
      line("| describe", span)
    }
  }

  mutating func expr(_ expr: Expr) {
    let span = expr.span
    switch expr.kind {
    case .literal(let value): line(literal(value), span)
    case .name(let name): line("name \(quoted(name))", span)
    case .unary(let op, let operand):
      line("unary \(op.rawValue)", span)
      nested { $0.expr(operand) }
    case .binary(let op, let left, let right):
      line("binary \(op.rawValue)", span)
      nested {
        $0.expr(left)
        $0.expr(right)
      }
    case .call(let function, let arguments):
      line("call \(function)", span)
      nested { for argument in arguments { $0.expr(argument) } }
    case .inList(let operand, let items, let negated):
      line(negated ? "not in" : "in", span)
      nested {
        $0.expr(operand)
        for item in items { $0.expr(item) }
      }
    case .isNull(let operand, let negated):
      line(negated ? "is not null" : "is null", span)
      nested { $0.expr(operand) }
    case .caseWhen(let branches, let otherwise):
      line("case", span)
      nested {
        for branch in branches {
          $0.line("when", branch.condition.span)
          $0.nested {
            $0.expr(branch.condition)
            $0.expr(branch.result)
          }
        }
        if let otherwise {
          $0.line("else", otherwise.span)
          $0.nested { $0.expr(otherwise) }
        }
      }
    case .list(let items):
      line("list", span)
      nested { for item in items { $0.expr(item) } }
    case .dictionary(let entries):
      line("dictionary", span)
      nested {
        for entry in entries {
          $0.line("key \($0.quoted(entry.name.text))", entry.name.span)
          $0.nested { $0.expr(entry.value) }
        }
      }
    }
  }

  func quoted(_ name: String) -> String {
    name.contains(" ") || name.isEmpty ? "`\(name)`" : name
  }

  func literal(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      default: escaped += DisplayText.display(character)
      }
    }
    return "\"\(escaped)\""
  }

  func literal(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .int(let number): "int \(number)"
    case .double(let number): "double \(number)"
    case .bool(let flag): "bool \(flag)"
    case .timestamp(let micros): "timestamp \(micros)"
    case .date(let days): "date \(days)"
    case .string(let text): "string \(literal(text))"
    }
  }
}
