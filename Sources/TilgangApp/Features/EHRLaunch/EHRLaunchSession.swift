/// What a launch keeps in the server-side session between `GET /start` and the return from sign-in: the random
/// binding of the claimed launch (not its id, and never the patient).
enum EHRLaunchSession {
    static let binding = "ehr.launch.binding"
}
