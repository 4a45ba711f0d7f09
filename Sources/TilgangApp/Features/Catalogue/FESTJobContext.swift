/// The FEST job page. It does not reload itself: a timed reload moves a screen reader back to the top every few
/// seconds and cannot be stopped (WCAG 2.2.1, failure F41); the page has an «Oppdater» link instead.
struct FESTJobContext: Encodable {
    let title: String
    let currentUser: UserView?
    let job: FESTJobView
}
