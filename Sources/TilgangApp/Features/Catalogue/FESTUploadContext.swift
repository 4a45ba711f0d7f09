struct FESTUploadContext: Encodable {
    let title: String
    let currentUser: UserView?
    let csrf: String
    let jobs: [FESTJobView]
    let error: String?
}
