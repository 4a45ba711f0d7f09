import Vapor

struct WeightsDTO: Content {
    struct Weight: Content {
        let criterion: String
        let title: String
        let dimension: String
        let weight: Int
        let defaultWeight: Int
    }

    let weights: [Weight]
}
