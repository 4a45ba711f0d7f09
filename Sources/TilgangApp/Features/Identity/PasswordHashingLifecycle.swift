import Vapor

/// Stops the hashing pool when the application shuts down.
struct PasswordHashingLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.passwordHashing.shutdown()
    }
}
