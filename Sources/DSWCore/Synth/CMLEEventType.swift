/// The experience-event types of the CMLE generator, in dictionary-code order.
///
/// The raw value is the code the `eventType` column stores, so an event's type
/// is written without any string lookup.
enum CMLEEventType: UInt8, CaseIterable, Sendable {
  case adImpression
  case adClick
  case pageView
  case linkClick
  case productView
  case purchase
  case propositionDisplay
  case propositionInteract
  case propositionDismiss
  case emailSent
  case emailOpened
  case emailClicked
  case formFilledOut

  /// The XDM event type, as the `eventType` column shows it.
  var xdmName: String {
    switch self {
    case .adImpression: "advertising.impressions"
    case .adClick: "advertising.clicks"
    case .pageView: "web.webpagedetails.pageViews"
    case .linkClick: "web.webinteraction.linkClicks"
    case .productView: "commerce.productViews"
    case .purchase: "commerce.purchases"
    case .propositionDisplay: "decisioning.propositionDisplay"
    case .propositionInteract: "decisioning.propositionInteract"
    case .propositionDismiss: "decisioning.propositionDismiss"
    case .emailSent: "directMarketing.emailSent"
    case .emailOpened: "directMarketing.emailOpened"
    case .emailClicked: "directMarketing.emailClicked"
    case .formFilledOut: "web.formFilledOut"
    }
  }

  /// How much the event moves the customer's hidden engagement.
  ///
  /// Engaging actions lift it; a dismissed offer lowers it. Sends and
  /// impressions happen to the customer, so they leave it alone.
  var engagementEffect: Double {
    switch self {
    case .adImpression, .emailSent, .propositionDisplay: 0
    case .adClick: 0.05
    case .pageView: 0.02
    case .linkClick: 0.01
    case .productView: 0.04
    case .purchase: 0.25
    case .propositionInteract: 0.10
    case .propositionDismiss: -0.08
    case .emailOpened: 0.05
    case .emailClicked: 0.08
    case .formFilledOut: 0.15
    }
  }
}
