import Fluent
import TilgangDomain
import Vapor

/// Launches from the EHR: accepts a signed context over the back channel and answers an opaque id; binds the id to
/// the browser session that opens it; after sign-in matches the HelseID user to the context's HPR number; gives
/// the pages the patient, and is used up by the application made from it. Every step is audited with the
/// patient's keyed hash; the identity number stays in the launch's row.
struct EHRLaunchService {
    let database: any Database
    let audit: AuditLogService
    let clock: AppClock
    let settings: EHRLaunchSettings?

    private static let ehrActorRole = "ehr"

    private func configured() throws -> EHRLaunchSettings {
        guard let settings else { throw EHRLaunchError.notConfigured }
        return settings
    }

    /// The back channel: validates the context and stores it under a new launch id (single use of its `jti`).
    func accept(context token: String) async throws -> (id: String, expiresAt: Date) {
        let settings = try configured()
        let now = clock.now
        let context = try await EHRLaunchContextValidator(settings: settings).validate(token, now: now)
        let id = [UInt8].random(count: 32).base64URLEncoded
        let expires = min(
            now.addingTimeInterval(settings.openWithin), context.expires.addingTimeInterval(settings.clockSkew))
        let patientKey = audit.patientKey(for: context.patient)
        let issuer = settings.issuer
        try await database.writeTransaction { db in
            try await Self.sweep(on: db, now: now)
            if try await EHRLaunchModel.query(on: db).filter(\.$tokenID == context.tokenID).first() != nil {
                throw EHRLaunchError.replayedContext
            }
            try await EHRLaunchModel(id: id, context: context, now: now, expires: expires).create(on: db)
            try await audit.append(
                "ehr.launch_received", by: AuditActor(id: issuer, role: Self.ehrActorRole, trust: context.trustCode),
                caseID: nil, patientKey: patientKey, detail: "HPR \(context.hprNumber)", on: db)
        }
        return (id, expires)
    }

    /// Deletes launches whose time and whose context's time are both past, and clears the patient from launches
    /// whose own time is past (their row stays only to refuse the `jti` again).
    private static func sweep(on db: any Database, now: Date) async throws {
        try await EHRLaunchModel.query(on: db).filter(\.$expiresAt < now).filter(\.$tokenExpiresAt < now).delete()
        try await EHRLaunchModel.query(on: db).filter(\.$expiresAt < now)
            .set(\.$patientNIN, to: nil).set(\.$patientName, to: nil).update()
    }

    /// The browser's `GET /start`: the launch becomes this session's (the returned binding goes into the session);
    /// a launch taken before, by this or any other browser, is refused.
    func claim(id: String, issuer: String?) async throws -> String {
        let settings = try configured()
        guard issuer == settings.issuer else { throw EHRLaunchError.wrongIssuer }
        let now = clock.now
        let binding = [UInt8].random(count: 32).base64URLEncoded
        try await database.writeTransaction { db in
            guard let launch = try await EHRLaunchModel.find(id, on: db), launch.expiresAt > now else {
                throw EHRLaunchError.unknownLaunch
            }
            guard launch.state == EHRLaunchModel.State.issued.rawValue else { throw EHRLaunchError.usedBefore }
            guard launch.patientNIN != nil else { throw EHRLaunchError.unknownLaunch }
            launch.state = EHRLaunchModel.State.claimed.rawValue
            launch.binding = binding
            try await launch.update(on: db)
        }
        return binding
    }

    /// After sign-in: the session's launch opens for `user` if their HPR number is the context's; otherwise it is
    /// used up, the patient cleared and the refusal audited.
    func open(binding: String?, for user: AuthenticatedUser) async throws -> String {
        let settings = try configured()
        guard let binding, !binding.isEmpty else { throw EHRLaunchError.otherSession }
        let now = clock.now
        let hpr = try await UserModel.find(user.id, on: database)?.hprNumber
        let audit = audit
        // A refusal is returned, not thrown, so that its writes (the launch used up, the audit row) commit.
        let outcome: Result<String, EHRLaunchError> = try await database.writeTransaction { db in
            guard let launch = try await EHRLaunchModel.query(on: db).filter(\.$binding == binding).first(),
                launch.state == EHRLaunchModel.State.claimed.rawValue, let id = launch.id
            else { return .failure(.otherSession) }
            guard launch.expiresAt > now, let digits = launch.patientNIN,
                let patient = NationalIdentityNumber(digits)
            else { return .failure(.unknownLaunch) }
            launch.binding = nil
            let patientKey = audit.patientKey(for: patient)
            guard let hpr, hpr == launch.hprNumber else {
                launch.state = EHRLaunchModel.State.used.rawValue
                launch.patientNIN = nil
                launch.patientName = nil
                try await launch.update(on: db)
                try await audit.append(
                    "ehr.launch_refused", by: AuditActor(user), caseID: nil, patientKey: patientKey,
                    detail: "HPR-nummeret stemmer ikke med oppstartskonteksten", on: db)
                return .failure(.hprMismatch)
            }
            launch.state = EHRLaunchModel.State.opened.rawValue
            launch.userID = user.id
            launch.expiresAt = now.addingTimeInterval(settings.openedLifetime)
            try await launch.update(on: db)
            try await audit.append(
                "ehr.launch", by: AuditActor(user), caseID: nil, patientKey: patientKey,
                detail: "fra \(launch.trustCode)", on: db)
            return .success(id)
        }
        return try outcome.get()
    }

    /// An opened launch of `user`'s, with its patient.
    func opened(_ id: String, for user: AuthenticatedUser) async throws -> EHRLaunchPatient {
        _ = try configured()
        guard let launch = try await EHRLaunchModel.find(id, on: database), launch.expiresAt > clock.now else {
            throw EHRLaunchError.unknownLaunch
        }
        guard launch.userID == nil || launch.userID == user.id else { throw EHRLaunchError.notYours }
        guard launch.state == EHRLaunchModel.State.opened.rawValue else { throw EHRLaunchError.usedBefore }
        guard let digits = launch.patientNIN, let patient = NationalIdentityNumber(digits) else {
            throw EHRLaunchError.unknownLaunch
        }
        return EHRLaunchPatient(
            launchID: id, patient: patient, name: launch.patientName, trustCode: launch.trustCode)
    }

    /// The patient's cases `user` may see (`CaseService.casesOfPatient`), the look-up audited.
    func cases(of launched: EHRLaunchPatient, for user: AuthenticatedUser, through cases: CaseService)
        async throws -> [CaseSummaryDTO]
    {
        let found = try await cases.casesOfPatient(launched.patient, for: user)
        try await database.writeTransaction { [audit] db in
            try await audit.append(
                "ehr.patient_cases", by: AuditActor(user), caseID: nil,
                patientKey: audit.patientKey(for: launched.patient), detail: "\(found.count) saker vist", on: db)
        }
        return found
    }

    /// The application is made: the launch is used and its patient cleared.
    func finish(_ id: String) async throws {
        try await database.writeTransaction { db in
            try await EHRLaunchModel.query(on: db).filter(\.$id == id)
                .set(\.$state, to: EHRLaunchModel.State.used.rawValue)
                .set(\.$patientNIN, to: nil).set(\.$patientName, to: nil).update()
        }
    }
}

extension Request {
    var ehrLaunches: EHRLaunchService {
        EHRLaunchService(database: db, audit: auditLog, clock: clock, settings: application.ehrLaunch)
    }
}
