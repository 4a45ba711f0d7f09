import Fluent
import TilgangDomain
import Vapor

/// Demo organisations and one user of every role in each trust, all with the password in `password`.
enum DemoPeople {
    static let password = "tilgang-demo"

    struct Person {
        let username: String
        let name: String
        let role: Role
        let organisation: String
        let department: String?
        let hpr: String?
    }

    /// Sykehuset Innlandet's codes are the seed's (001); Helse Bergen's are made up for the demo.
    static let prescribing: [String: PrescribingConfiguration] = [
        "SI": .sykehusetInnlandet,
        "HB": PrescribingConfiguration(
            inHospitalSomaticProject: "HB-OL 100", inHospitalMentalHealthProject: "HB-OL 101",
            hPrescriptionProject: "HB-OL 110", whitePrescriptionSomaticProject: "HB-OL 120",
            whitePrescriptionMentalHealthProject: "HB-OL 121", approverTitle: "fagdirektør i Helse Bergen",
            invoiceAddress: "Helse Bergen HF, Fakturamottak, Postboks 1, 5021 Bergen"),
    ]

    static let trusts: [(code: String, name: String, area: String)] = [
        ("SI", "Sykehuset Innlandet HF", "Innlandet"), ("HB", "Helse Bergen HF", "Bergen og omegn"),
    ]

    static let departments = [
        DepartmentModel(code: "SI-MED", trustCode: "SI", name: "Medisinsk avdeling, Hamar", mentalHealth: false),
        DepartmentModel(code: "SI-PHV", trustCode: "SI", name: "Divisjon psykisk helsevern", mentalHealth: true),
        DepartmentModel(code: "HB-NEV", trustCode: "HB", name: "Nevrologisk avdeling", mentalHealth: false),
    ]

    static let people: [Person] =
        trustPeople(trust: "SI", prefix: "si", department: "SI-MED", hprBase: 9_100_000)
        + trustPeople(trust: "HB", prefix: "hb", department: "HB-NEV", hprBase: 9_200_000) + [
            Person(
                username: "dmp-saksbehandler", name: "Dina Saksbehandler", role: .agencyOfficer, organisation: "DMP",
                department: nil, hpr: nil),
            Person(
                username: "fastlege", name: "Frode Fastlege", role: .externalPrescriber,
                organisation: "HAMAR-LEGESENTER", department: nil, hpr: "9300001"),
            Person(
                username: "tannlege", name: "Tone Tannlege", role: .externalPrescriber, organisation: "TANNKLINIKKEN",
                department: nil, hpr: "9300002"),
            Person(
                username: "veterinaer", name: "Vidar Veterinær", role: .externalPrescriber,
                organisation: "DYREKLINIKKEN", department: nil, hpr: "9300003"),
            Person(
                username: "beredskap-analytiker", name: "Bjørn Beredskap", role: .preparednessAnalyst,
                organisation: "BEREDSKAP", department: nil, hpr: nil),
        ]

    static func trustPeople(trust: String, prefix: String, department: String, hprBase: Int) -> [Person] {
        let roles: [(Role, String, String, Bool)] = [
            (.physician, "lege", "Lise Lege", true),
            (.departmentHead, "avdelingsleder", "Anders Avdelingsleder", true),
            (.divisionDirector, "divisjonsdirektor", "Dora Divisjonsdirektør", false),
            (.committeeMember, "komite", "Kari Komité", false),
            (.medicalDirector, "direktor", "Dag Direktør", false),
            (.sectionChief, "seksjonsoverlege", "Sara Seksjonsoverlege", true),
            (.level2Leader, "niva2", "Nils Nivå-to", true),
            (.hospitalPharmacist, "farmasoyt", "Frida Farmasøyt", false),
            (.administrator, "admin", "Ada Administrator", false),
            // The committee is several people; one records the recommendation and names who took part.
            (.committeeMember, "komite2", "Kåre Komitémedlem", false),
        ]
        return roles.enumerated().map { index, entry in
            let (role, suffix, name, inDepartment) = entry
            return Person(
                username: "\(prefix)-\(suffix)", name: "\(name) (\(trust))", role: role, organisation: trust,
                department: inDepartment ? department : nil,
                hpr: [.physician, .departmentHead, .sectionChief].contains(role) ? String(hprBase + index) : nil)
        }
    }

    /// `<username>@<organisation>.example.no`: the reserved example domain, so a demo never mails anyone real.
    static func email(of person: Person) -> String {
        "\(person.username)@\(person.organisation.lowercased()).example.no"
    }

    /// Loads the organisations and users unless the trusts already exist.
    static func seed(on database: any Database, passwords: AsyncPasswordHasher) async throws {
        guard try await TrustModel.query(on: database).count() == 0 else { return }
        // One hash for the shared demo password keeps start-up fast; each user still gets a normal Bcrypt hash.
        let hash = try await passwords.hash(password)
        try await database.writeTransaction { db in
            for trust in trusts {
                let config = try prescribing[trust.code].map { try JSONEncoder().encode($0) } ?? Data()
                try await TrustModel(
                    code: trust.code, name: trust.name, catchmentArea: trust.area,
                    invoiceAddress: prescribing[trust.code]?.invoiceAddress ?? "",
                    prescribingConfig: String(decoding: config, as: UTF8.self)
                ).create(on: db)
            }
            for department in departments {
                try await DepartmentModel(
                    code: department.id ?? "", trustCode: department.trustCode, name: department.name,
                    mentalHealth: department.mentalHealth
                ).create(on: db)
            }
            for person in people {
                let user = UserModel(
                    username: person.username, displayName: person.name, passwordHash: hash, role: person.role.rawValue,
                    organisation: person.organisation, departmentCode: person.department, hprNumber: person.hpr)
                user.email = email(of: person)
                try await user.create(on: db)
            }
            try await HPRRegisterService.seedDemoEntries(on: db)
        }
    }
}
