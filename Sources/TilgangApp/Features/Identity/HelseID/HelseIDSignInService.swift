import Fluent
import Vapor

/// The authorization code flow with PKCE against the configured provider: builds the authorization request,
/// and on the callback checks state, exchanges the code, validates the ID token and finds the user by HPR number.
struct HelseIDSignInService {
    let request: Request

    enum Outcome {
        /// An active user with the token's HPR number.
        case signedIn(AuthenticatedUser)
        /// Someone Tilgang does not know yet: first sign-in.
        case unknown(HelseIDIdentity)
    }

    private var settings: HelseIDSettings {
        get throws {
            guard let settings = request.application.helseID else { throw HelseIDSignInError.notConfigured }
            return settings
        }
    }

    private func provider() throws -> HelseIDProviderClient {
        HelseIDProviderClient(settings: try settings, client: request.client, logger: request.logger)
    }

    /// The provider's authorization URL for a new sign-in; state, nonce and verifier go into the session.
    func authorizationURL(next: String?) async throws -> String {
        let settings = try settings
        let metadata = try await provider().metadata()
        let pkce = PKCEChallenge()
        let state = PKCEChallenge.randomValue()
        let nonce = PKCEChallenge.randomValue()
        request.session.data[HelseIDSession.state] = state
        request.session.data[HelseIDSession.nonce] = nonce
        request.session.data[HelseIDSession.verifier] = pkce.verifier
        request.session.data[HelseIDSession.next] = next.flatMap { LocalRedirect.isSafe($0) ? $0 : nil }
        guard var components = URLComponents(string: metadata.authorizationEndpoint) else {
            throw HelseIDSignInError.providerUnavailable
        }
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: settings.clientID),
                URLQueryItem(name: "redirect_uri", value: settings.redirectURI),
                URLQueryItem(name: "scope", value: settings.scope),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: pkce.challenge),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        // `+` is a space in a query string; keep scopes that contain it intact.
        components.percentEncodedQuery = components.percentEncodedQuery?
            .replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.string else { throw HelseIDSignInError.providerUnavailable }
        return url
    }

    /// Completes the sign-in from the provider's callback; the pending request is used up whatever the outcome.
    func complete(state: String?, code: String?, error: String?) async throws -> (Outcome, next: String?) {
        let settings = try settings
        guard let pending = HelseIDSession.takeRequest(request.session) else {
            throw HelseIDSignInError.stateMismatch
        }
        guard let state, state == pending.state else { throw HelseIDSignInError.stateMismatch }
        if error != nil { throw HelseIDSignInError.providerRefused }
        guard let code, !code.isEmpty else { throw HelseIDSignInError.providerRefused }
        let provider = try provider()
        let metadata = try await provider.metadata()
        let idToken = try await provider.exchange(
            code: code, verifier: pending.verifier, metadata: metadata, now: request.clock.now)
        let identity = try await HelseIDTokenValidator(settings: settings, issuer: metadata.issuer)
            .validate(
                idToken: idToken, jwksJSON: try await provider.jwks(metadata), nonce: pending.nonce,
                now: request.clock.now)
        let users = try await UserModel.query(on: request.db).filter(\.$hprNumber == identity.hprNumber).all()
        if let user = users.first(where: \.active) { return (.signedIn(try AuthenticatedUser(user)), pending.next) }
        // A deactivated account is the administrator's decision; first sign-in must not be a way around it.
        if !users.isEmpty { throw HelseIDSignInError.deactivated }
        return (.unknown(identity), pending.next)
    }

    /// Where sign-out sends the browser to end the provider's session too, if the provider offers it.
    func endSessionURL() async -> String? {
        guard let settings = try? settings,
            let metadata = try? await provider().metadata(), let endpoint = metadata.endSessionEndpoint
        else { return nil }
        guard var components = URLComponents(string: endpoint) else { return nil }
        components.queryItems =
            (components.queryItems ?? []) + [URLQueryItem(name: "client_id", value: settings.clientID)]
        return components.string
    }
}

extension Request {
    var helseIDSignIn: HelseIDSignInService { HelseIDSignInService(request: self) }
}
