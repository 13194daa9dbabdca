import DSWCore

/// The OpenAPI 3.1 description of the service, generated from the models it
/// serves at the moment of the request.
///
/// Besides the generic `/v1/models/{model}/score`, every served name and
/// `name@version` gets its own score path whose request schema lists that
/// model's features with their JSON types, so a client generator (or a fuzzer
/// such as schemathesis) sees exactly what each model takes.
enum OpenAPIDocument {
  static func build(_ catalog: ModelCatalog, configuration: ServeConfiguration) -> JSONValue {
    var paths: [String: JSONValue] = [
      "/healthz": .object([
        "get": operation(
          "healthz", "The process is up.",
          responses: ["200": json(ref("Status"), "The server is alive.")], secured: false)
      ]),
      "/readyz": .object([
        "get": operation(
          "readyz", "The server is serving models and not shutting down.",
          responses: [
            "200": json(ref("Status"), "Ready."),
            "503": problem("Shutting down."),
          ], secured: false)
      ]),
      "/metrics": .object([
        "get": operation(
          "metrics", "Prometheus text: requests and latency per model and status.",
          responses: [
            "200": .object([
              "description": .string("Prometheus text exposition format."),
              "content": .object([
                "text/plain": .object(["schema": .object(["type": .string("string")])])
              ]),
            ])
          ], secured: true)
      ]),
      "/openapi.json": .object([
        "get": operation(
          "openapi", "This document.",
          responses: ["200": json(.object(["type": .string("object")]), "OpenAPI 3.1.")],
          secured: true)
      ]),
      "/v1/models": .object([
        "get": operation(
          "listModels", "Every served model with its versions.",
          responses: ["200": json(ref("ModelList"), "The served models.")], secured: true)
      ]),
      "/v1/models/{model}": .object([
        "get": operation(
          "describeModel", "One model: its versions, task, features, metrics and training date.",
          parameters: [modelParameter],
          responses: [
            "200": json(ref("ModelEntry"), "The model."),
            "404": problem("No such model or version; `suggestion` names the nearest."),
          ], secured: true)
      ]),
      "/v1/models/{model}/score": .object([
        "post": scoreOperation(
          "score", "Score rows with a model (NAME for the latest version, or NAME@VERSION).",
          request: ref("ScoreRequest"), answer: ref("ScoreAnswer"), parameters: [modelParameter],
          maxRows: configuration.maxRows)
      ]),
    ]
    var schemas = commonSchemas(maxRows: configuration.maxRows)
    for name in catalog.names {
      let versions = catalog.versions(of: name)
      guard let latest = versions.last else { continue }
      for (segment, served) in [(name, latest)] + versions.map({ ($0.reference, $0) }) {
        let key = schemaName(segment)
        schemas[key + "Row"] = rowSchema(served.model.features)
        schemas[key + "Request"] = requestSchema(
          row: ref(key + "Row"),
          columns: columnsSchema(served.model.features, maxRows: configuration.maxRows),
          maxRows: configuration.maxRows)
        schemas[key + "Answer"] = answerSchema(served)
        paths["/v1/models/\(segment)/score"] = .object([
          "post": scoreOperation(
            "score_" + key,
            "Score rows with \(served.reference) (\(served.model.algorithm.rawValue), \(served.model.task.rawValue)).",
            request: ref(key + "Request"), answer: ref(key + "Answer"), parameters: [],
            maxRows: configuration.maxRows)
        ])
      }
    }
    var components: [String: JSONValue] = ["schemas": .object(schemas)]
    var document: [String: JSONValue] = [
      "openapi": .string("3.1.0"),
      "info": .object([
        "title": .string("dsw scoring service"),
        "version": .string("1"),
        "description": .string(
          "Scores rows with models trained in dsw notebooks; answers equal the notebook's `score`."),
      ]),
      "paths": .object(paths),
    ]
    if configuration.token != nil {
      document["security"] = .array([.object(["bearer": .array([])])])
      components["securitySchemes"] = .object([
        "bearer": .object(["type": .string("http"), "scheme": .string("bearer")])
      ])
    }
    document["components"] = .object(components)
    return .object(document)
  }

  /// A component name from `conv@2`: letters, digits and `_` only.
  private static func schemaName(_ segment: String) -> String {
    String(segment.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  private static let modelParameter: JSONValue = .object([
    "name": .string("model"), "in": .string("path"), "required": .bool(true),
    "description": .string("NAME (the latest version) or NAME@VERSION"),
    "schema": .object(["type": .string("string")]),
  ])

  private static func ref(_ name: String) -> JSONValue {
    .object(["$ref": .string("#/components/schemas/\(name)")])
  }

  private static func json(_ schema: JSONValue, _ description: String) -> JSONValue {
    .object([
      "description": .string(description),
      "content": .object(["application/json": .object(["schema": schema])]),
    ])
  }

  private static func problem(_ description: String) -> JSONValue {
    .object([
      "description": .string(description),
      "content": .object([Problem.contentType: .object(["schema": ref("Problem")])]),
    ])
  }

  private static func operation(
    _ id: String, _ summary: String, parameters: [JSONValue] = [],
    responses: [String: JSONValue], secured: Bool
  ) -> JSONValue {
    var responses = responses
    var object: [String: JSONValue] = [
      "operationId": .string(id), "summary": .string(summary),
    ]
    if secured {
      responses["401"] = problem("A wrong or missing bearer token, when the server needs one.")
    } else {
      object["security"] = .array([])
    }
    object["responses"] = .object(responses)
    if !parameters.isEmpty { object["parameters"] = .array(parameters) }
    return .object(object)
  }

  private static func scoreOperation(
    _ id: String, _ summary: String, request: JSONValue, answer: JSONValue,
    parameters: [JSONValue], maxRows: Int
  ) -> JSONValue {
    var object = operation(
      id, summary, parameters: parameters,
      responses: [
        "200": json(answer, "One score per row, in row order."),
        "400": problem("The body is not JSON, or not {\"rows\": …} or {\"columns\": …}."),
        "404": problem("No such model or version; `suggestion` names the nearest."),
        "413": problem("The body is over --max-body, or has more than --max-rows rows."),
        "422": problem(
          "A row lacks a feature, has an unknown one, or a value of the wrong type; `row` and `field` say which."
        ),
      ], secured: true)
    if case .object(var members) = object {
      members["requestBody"] = .object([
        "required": .bool(true),
        "content": .object(["application/json": .object(["schema": request])]),
      ])
      object = .object(members)
    }
    return object
  }

  private static func rowSchema(_ features: [FeatureSpec]) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for spec in features {
      properties[spec.name] = valueSchema(spec)
    }
    return .object([
      "type": .string("object"),
      "properties": .object(properties),
      "required": .array(features.map { .string($0.name) }),
      "additionalProperties": .bool(false),
    ])
  }

  private static func valueSchema(_ spec: FeatureSpec) -> JSONValue {
    switch spec.type {
    case .int, .double: return .object(["type": .array([.string("number"), .string("null")])])
    case .bool: return .object(["type": .array([.string("boolean"), .string("null")])])
    case .date, .timestamp:
      return .object([
        "type": .array([.string("string"), .string("null")]),
        "format": .string(spec.type == .date ? "date" : "date-time"),
      ])
    case .string:
      var schema: [String: JSONValue] = ["type": .array([.string("string"), .string("null")])]
      if case .categorical(let categories) = spec.encoding {
        schema["description"] = .string(
          "One of the training categories: "
            + categories.map { "\"\($0)\"" }.joined(separator: ", ")
            + "; any other string is read as missing.")
      }
      return .object(schema)
    }
  }

  /// The columns form: one array per feature, all required, nothing else.
  private static func columnsSchema(_ features: [FeatureSpec], maxRows: Int) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for spec in features {
      properties[spec.name] = .object([
        "type": .string("array"), "items": valueSchema(spec), "maxItems": .int(Int64(maxRows)),
      ])
    }
    return .object([
      "type": .string("object"),
      "description": .string("Every column must have as many values as the others."),
      "properties": .object(properties),
      "required": .array(features.map { .string($0.name) }),
      "additionalProperties": .bool(false),
    ])
  }

  private static func requestSchema(row: JSONValue, columns: JSONValue, maxRows: Int) -> JSONValue {
    .object([
      "oneOf": .array([
        .object([
          "type": .string("object"),
          "properties": .object([
            "rows": .object([
              "type": .string("array"), "items": row, "maxItems": .int(Int64(maxRows)),
            ])
          ]),
          "required": .array([.string("rows")]),
          "additionalProperties": .bool(false),
        ]),
        .object([
          "type": .string("object"),
          "properties": .object(["columns": columns]),
          "required": .array([.string("columns")]),
          "additionalProperties": .bool(false),
        ]),
      ])
    ])
  }

  private static func answerSchema(_ served: ServedModel) -> JSONValue {
    var properties: [String: JSONValue] = [
      "model": .object(["const": .string(served.name)]),
      "version": .object(["type": .string("integer")]),
    ]
    for column in served.scoreColumns {
      let integer = column == "decile" || (column == "score" && served.model.task == .clustering)
      properties[column + "s"] = .object([
        "type": .string("array"),
        "items": .object([
          "type": .array([.string(integer ? "integer" : "number"), .string("null")])
        ]),
      ])
    }
    return .object([
      "type": .string("object"),
      "properties": .object(properties),
      "required": .array(
        ([.string("model"), .string("version")] + served.scoreColumns.map { .string($0 + "s") })),
    ])
  }

  private static func commonSchemas(maxRows: Int) -> [String: JSONValue] {
    let anyRow: JSONValue = .object(["type": .string("object")])
    return [
      "Status": .object([
        "type": .string("object"),
        "properties": .object(["status": .object(["type": .string("string")])]),
        "required": .array([.string("status")]),
      ]),
      "Problem": .object([
        "type": .string("object"),
        "description": .string("RFC 9457 problem details."),
        "properties": .object([
          "type": .object(["type": .string("string")]),
          "title": .object(["type": .string("string")]),
          "status": .object(["type": .string("integer")]),
          "detail": .object(["type": .string("string")]),
          "instance": .object(["type": .string("string")]),
          "row": .object(["type": .string("integer"), "description": .string("0-based row index")]),
          "field": .object(["type": .string("string")]),
          "model": .object(["type": .string("string")]),
          "suggestion": .object(["type": .string("string")]),
          "limit": .object(["type": .string("integer")]),
          "versions": .object([
            "type": .string("array"), "items": .object(["type": .string("integer")]),
          ]),
        ]),
        "required": .array(
          ["type", "title", "status", "detail", "instance"].map(JSONValue.string)),
      ]),
      "ScoreRequest": requestSchema(
        row: anyRow,
        columns: .object([
          "type": .string("object"),
          "additionalProperties": .object([
            "type": .string("array"), "maxItems": .int(Int64(maxRows)),
          ]),
        ]), maxRows: maxRows),
      "ScoreAnswer": .object([
        "type": .string("object"),
        "properties": .object([
          "model": .object(["type": .string("string")]),
          "version": .object(["type": .string("integer")]),
          "scores": .object([
            "type": .string("array"),
            "items": .object(["type": .array([.string("number"), .string("null")])]),
          ]),
        ]),
        "required": .array([.string("model"), .string("version"), .string("scores")]),
      ]),
      "Feature": .object([
        "type": .string("object"),
        "properties": .object([
          "name": .object(["type": .string("string")]),
          "type": .object(["enum": .array(DataType.allCases.map { .string($0.rawValue) })]),
          "encoding": .object(["enum": .array([.string("numeric"), .string("categorical")])]),
          "categories": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
          ]),
        ]),
        "required": .array([.string("name"), .string("type"), .string("encoding")]),
      ]),
      "ModelVersion": .object([
        "type": .string("object"),
        "properties": .object([
          "version": .object(["type": .string("integer")]),
          "algorithm": .object(["type": .string("string")]),
          "task": .object(["type": .string("string")]),
          "target": .object(["type": .array([.string("string"), .string("null")])]),
          "features": .object(["type": .string("array"), "items": ref("Feature")]),
          "metrics": .object([
            "type": .string("object"),
            "additionalProperties": .object(["type": .array([.string("number"), .string("null")])]),
          ]),
          "answer": .object([
            "type": .string("array"), "items": .object(["type": .string("string")]),
          ]),
          "training_rows": .object(["type": .string("integer")]),
          "holdout_rows": .object(["type": .string("integer")]),
          "trained_at": .object(["type": .array([.string("string"), .string("null")])]),
        ]),
        "required": .array(
          ["version", "algorithm", "task", "features", "metrics", "answer", "trained_at"].map(
            JSONValue.string)),
      ]),
      "ModelEntry": .object([
        "type": .string("object"),
        "properties": .object([
          "name": .object(["type": .string("string")]),
          "latest": .object(["type": .string("integer")]),
          "versions": .object(["type": .string("array"), "items": ref("ModelVersion")]),
        ]),
        "required": .array([.string("name"), .string("latest"), .string("versions")]),
      ]),
      "ModelList": .object([
        "type": .string("object"),
        "properties": .object([
          "models": .object(["type": .string("array"), "items": ref("ModelEntry")])
        ]),
        "required": .array([.string("models")]),
      ]),
    ]
  }
}
