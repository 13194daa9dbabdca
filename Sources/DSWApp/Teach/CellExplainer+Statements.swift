import DSWCore

/// What each statement does, with its SQL counterpart where there is one.
extension CellExplainer {
  static func explanations(for statement: Statement) -> [Explanation] {
    switch statement.kind {
    case .param(let name, _):
      return [
        Explanation(
          "param", short: "`param` (a named value)",
          "`param \(name.text) = …` declares a notebook parameter: a named value that later "
            + "cells use by name, and that `dsw run -p \(name.text)=…` can override.")
      ]
    case .synth(let generator, _):
      let full =
        generator.text == "cmle"
        ? "`synth cmle` generates realistic sample customer data: `profiles` (one row per "
          + "customer) and `events` (what each customer did, with timestamps)."
        : "`synth \(generator.text)` generates a sample table to practise on; the same seed "
          + "always gives the same rows."
      return [Explanation("synth", short: "`synth` (sample data)", full)]
    case .load(_, _, let name, _):
      return [
        Explanation(
          "load", short: "`load` (read a file)",
          "`load \"…\" as \(name.text)` reads a CSV, TSV or JSON file into the dataset "
            + "`\(name.text)`: CREATE TABLE and COPY in one step.")
      ]
    case .letBinding(let name, let pipeline):
      let binding = Explanation(
        "let", short: "`let` (save a result by name)",
        "`let \(name.text) = …` saves the pipeline's result as the dataset `\(name.text)`, like "
          + "CREATE TABLE \(name.text) AS SELECT …; later cells read it with `from \(name.text)`.")
      return [binding] + pipelineExplanations(pipeline)
    case .pipeline(let pipeline):
      return pipelineExplanations(pipeline) + [
        Explanation(
          "shown", short: "",
          "A pipeline on its own, outside a `let`, shows its result and saves nothing.")
      ]
    case .datasets:
      return [
        Explanation(
          "datasets", short: "`datasets` (the tables)",
          "`datasets` lists the tables in the session, with their rows, columns and memory.")
      ]
    case .schema(let name):
      return [
        Explanation(
          "schema", short: "`schema` (fields and types)",
          "`schema \(name.text)` lists the dataset's fields and their types, like `\\d` in psql.")
      ]
    case .describe(let name):
      return [
        Explanation(
          "describe", short: "`describe` (a column profile)",
          "`describe \(name.text)` profiles every column: type, nulls, distinct values, min, max, "
            + "mean and a small histogram. It is the quickest check of completeness and "
            + "correctness.")
      ]
    case .correlate:
      return [
        Explanation(
          "correlate", short: "`correlate` (correlations)",
          "`correlate` shows how strongly each pair of numeric columns moves together (Pearson "
            + "correlation: -1 to 1, where 0 means unrelated).")
      ]
    case .expect(let name, _):
      return [
        Explanation(
          "expect", short: "`expect` (a data test)",
          "`expect \(name.text): …` checks conditions on every row and fails the cell if any row "
            + "breaks one: a data test, like a CHECK constraint.")
      ]
    case .funnel:
      return [
        Explanation(
          "funnel", short: "`funnel` (drop-off by step)",
          "`funnel` counts the distinct users who reach each step, in order, so you see where "
            + "people drop off.")
      ]
    case .export(let name, _, _, _):
      return [
        Explanation(
          "export", short: "`export` (write a file)",
          "`export \(name.text) to \"…\"` writes the dataset to a CSV or JSON Lines file that any "
            + "other tool can read.")
      ]
    case .drop(let name):
      return [
        Explanation(
          "drop", short: "`drop` (DROP TABLE)",
          "`drop \(name.text)` removes the dataset from the session, like DROP TABLE.")
      ]
    default:
      return modelAndProfileExplanations(for: statement)
    }
  }

  /// The statements of the later stages: models, the profile, audiences.
  private static func modelAndProfileExplanations(for statement: Statement) -> [Explanation] {
    switch statement.kind {
    case .train(let name, let algorithm, let dataset, _):
      return [trainExplanation(name.text, algorithm.text, dataset.text)]
    case .evaluate(let model):
      return [
        Explanation(
          "evaluate", short: "`evaluate` (holdout metrics)",
          "`evaluate \(model.name.text)` reports how well the model did on the held-out rows: "
            + "AUC and lift for yes/no targets, RMSE for numbers.")
      ]
    case .explain(let model, _):
      return [
        Explanation(
          "explain", short: "`explain` (what drives the scores)",
          "`explain \(model.name.text)` shows how much each feature moves the model's scores on "
            + "average (its mean |contribution|), and how one feature's contribution changes with "
            + "its value.")
      ]
    case .models:
      return [
        Explanation(
          "models", short: "`models` (the trained models)",
          "`models` lists the trained models, with their versions and headline metric.")
      ]
    case .saveModel, .loadModel:
      return [
        Explanation(
          "model-file", short: "`save model`/`load model` (a model file)",
          "`save model` and `load model` write and read a model as a JSON file, so it can score "
            + "data later; a loaded model scores exactly the same.")
      ]
    case .ingest(let dataset, _, let column, _):
      return [
        Explanation(
          "ingest", short: "`ingest` (merge into the profile)",
          "`ingest \(dataset.text) into profile by \(column.text)` merges the other columns of "
            + "`\(dataset.text)` into each customer's profile, matched on `\(column.text)`: an "
            + "upsert keyed by customer.")
      ]
    case .audience(let name, _):
      return [
        Explanation(
          "audience", short: "`audience` (a group of customers)",
          "`audience \(name.text) = from profile | filter …` defines a group of customers as a "
            + "rule over profile attributes: a saved view, re-evaluated whenever the profile "
            + "changes.")
      ]
    case .audiences:
      return [
        Explanation(
          "audiences", short: "`audiences` (their sizes)",
          "`audiences` lists every audience with its current size.")
      ]
    case .overlap:
      return [
        Explanation(
          "overlap", short: "`overlap` (compare audiences)",
          "`overlap A, B` counts the customers in A only, in B only and in both.")
      ]
    case .activate(let name, _, _, _, _):
      return [
        Explanation(
          "activate", short: "`activate` (write the members out)",
          "`activate \(name.text) to \"…\"` writes the audience's members, with their identity "
            + "and attributes, to a file a marketing tool can pick up.")
      ]
    case .tune(let name, _, _, _):
      return [
        Explanation(
          "tune", short: "`tune` (search parameters)",
          "`tune \(name.text) = …(search: {…})` fits the model once per combination of the "
            + "parameters in `search:`, scores each by cross-validation (every row is validated "
            + "once, in folds), ranks them and keeps the best as a new version of "
            + "`\(name.text)`.")
      ]
    case .runs, .compare:
      return [
        Explanation(
          "runs", short: "`runs`/`compare` (the run history)",
          "Every `train` and `tune` is recorded as a run: its parameters, data and metrics. "
            + "`runs` lists them; `compare m@1 m@2` lines two versions up and marks what "
            + "differs.")
      ]
    default:
      return []
    }
  }

  private static func trainExplanation(_ model: String, _ algorithm: String, _ dataset: String)
    -> Explanation
  {
    if algorithm == "bgnbd" || algorithm == "gamma_gamma" {
      let what =
        algorithm == "bgnbd"
        ? "how often each customer buys and the chance they have quietly left"
        : "how much each customer spends per purchase"
      return Explanation(
        "train-\(algorithm)", short: "`train … \(algorithm)` (lifetime value)",
        "`train \(model) = \(algorithm)(\(dataset), …)` fits a lifetime-value model of \(what), "
          + "from one row per customer, by maximum likelihood; it shows each parameter with its "
          + "standard error.")
    }
    if algorithm == "kmeans" {
      return Explanation(
        "train-kmeans", short: "`train … kmeans` (segments)",
        "`train \(model) = kmeans(\(dataset), k: …)` groups similar rows of `\(dataset)` into k "
          + "segments; there is no target to predict.")
    }
    return Explanation(
      "train", short: "`train` (fit a model)",
      "`train \(model) = \(algorithm)(\(dataset), target: …)` fits a model that predicts the "
        + "target column from the other columns of `\(dataset)`. It keeps a share of the rows "
        + "aside (the holdout) to test the model on rows it never saw.")
  }

  private static func pipelineExplanations(_ pipeline: Pipeline) -> [Explanation] {
    let start = Explanation(
      "from", short: "`from` (start a pipeline)",
      "`from \(pipeline.source.text)` starts a pipeline; each `| step` works on the rows of the "
        + "step above it, read top to bottom.")
    return [start] + pipeline.transforms.map(explanation(for:))
  }
}
