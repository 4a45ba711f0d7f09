import Vapor

/// Talks to the provider over HTTP(S): the discovery document, the JWKS and the token endpoint. Nothing is
/// cached: sign-ins are rare, and a fresh JWKS follows the provider's key rotation at once.
struct HelseIDProviderClient {
    let settings: HelseIDSettings
    let client: any Client
    let logger: Logger

    struct TokenForm: Content {
        let grant_type: String
        let code: String
        let redirect_uri: String
        let code_verifier: String
        let client_id: String
        let client_assertion_type: String
        let client_assertion: String
    }

    struct TokenResponse: Content {
        let id_token: String?
    }

    func metadata() async throws -> OIDCProviderMetadata {
        let base = settings.issuer.hasSuffix("/") ? String(settings.issuer.dropLast()) : settings.issuer
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: base + "/.well-known/openid-configuration"))
        } catch {
            logger.warning("helseid: discovery document unreachable: \(error)")
            throw HelseIDSignInError.providerUnavailable
        }
        guard response.status == .ok, let metadata = try? response.content.decode(OIDCProviderMetadata.self) else {
            logger.warning("helseid: discovery document answered \(response.status.code)")
            throw HelseIDSignInError.providerUnavailable
        }
        // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
        guard metadata.issuer == settings.issuer else {
            logger.warning("helseid: discovery document names another issuer")
            throw HelseIDSignInError.wrongIssuer
        }
        return metadata
    }

    func jwks(_ metadata: OIDCProviderMetadata) async throws -> String {
        guard let response = try? await client.get(URI(string: metadata.jwksURI)), response.status == .ok,
            let body = response.body
        else {
            logger.warning("helseid: JWKS unreachable")
            throw HelseIDSignInError.providerUnavailable
        }
        return String(buffer: body)
    }

    /// Exchanges the code for tokens, authenticated with a signed client assertion; returns the ID token.
    func exchange(code: String, verifier: String, metadata: OIDCProviderMetadata, now: Date) async throws -> String {
        let assertion = try await ClientAssertion.sign(
            clientID: settings.clientID, tokenEndpoint: metadata.tokenEndpoint, now: now, pem: settings.privateKeyPEM)
        let form = TokenForm(
            grant_type: "authorization_code", code: code, redirect_uri: settings.redirectURI, code_verifier: verifier,
            client_id: settings.clientID,
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: assertion)
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: metadata.tokenEndpoint)) {
                try $0.content.encode(form, as: .urlEncodedForm)
            }
        } catch {
            logger.warning("helseid: token endpoint unreachable: \(error)")
            throw HelseIDSignInError.providerUnavailable
        }
        guard response.status == .ok, let idToken = try? response.content.decode(TokenResponse.self).id_token else {
            logger.notice("helseid: token endpoint refused the code (\(response.status.code))")
            throw HelseIDSignInError.tokenRefused
        }
        return idToken
    }
}
