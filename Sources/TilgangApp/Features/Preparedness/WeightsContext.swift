struct WeightsContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let weights: [WeightsDTO.Weight]
    let errors: [String: String]
    let message: String?
}
