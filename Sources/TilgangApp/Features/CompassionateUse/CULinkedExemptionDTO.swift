import Foundation
import TilgangDomain
import Vapor

/// The decision that passed a CUNP case's exemption gate, as the case page and API show it: for a Tilgang case
/// its status and period as they are now; for an external reference the pharmacist who confirmed it.
struct CULinkedExemptionDTO: Content {
    /// `tilgang`, `external`, or `unchecked` (a bare reference recorded before links were checked).
    let kind: String
    let reference: String
    /// «Ekstern referanse, bekreftet av farmasøyt» for an external reference.
    let label: String?
    let exemptionId: UUID?
    let state: String?
    let stateTitle: String?
    let validFrom: CalendarDate?
    let validUntil: CalendarDate?
    /// The decision still grants use today.
    let validToday: Bool?
    let confirmedBy: String?
    let confirmedAt: Date?
}
