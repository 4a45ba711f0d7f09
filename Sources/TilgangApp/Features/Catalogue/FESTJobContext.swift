struct FESTJobContext: Encodable {
    let title: String
    let currentUser: UserView?
    let job: FESTJobView
    /// The page reloads itself while the import runs; no script needed.
    var refreshSeconds: Int? { job.running ? 2 : nil }

    enum CodingKeys: String, CodingKey {
        case title, currentUser, job, refreshSeconds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(currentUser, forKey: .currentUser)
        try container.encode(job, forKey: .job)
        try container.encodeIfPresent(refreshSeconds, forKey: .refreshSeconds)
    }
}
