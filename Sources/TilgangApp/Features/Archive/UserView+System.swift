import TilgangDomain

extension UserView {
    /// The system itself as the reader of a page it renders for a file (the archive export has no signed-in user).
    init(systemNamed name: String) {
        username = "system"
        displayName = name
        role = "system"
        roleTitle = name
        organisation = ""
        department = nil
    }
}
