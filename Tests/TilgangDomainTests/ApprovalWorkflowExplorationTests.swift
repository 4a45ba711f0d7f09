import Testing

@testable import TilgangDomain

/// SPEC §5.12, "no case is ever left with nobody able to act", proved by exploring the state machine: for every
/// chain version, every applicant role (a physician, or the holder of a step's own role), patients from the own and
/// another trust, stand-ins (none, in the same role, from the step above in the chain), a second holder of each role
/// or not, and a department head who also sits on the committee, a breadth-first search from the draft over every
/// action anyone at hand can take (going back to the applicant at most `maxRounds` times on a path).
///
/// In every case reached, `ApprovalWorkflow.assignment` names exactly those who can move it on or, only when nobody
/// can, an appointment in the step's role that lets the appointee act (the search goes on with them); from every
/// case under way a decision can still be reached; and the cases nobody can act on are exactly the approved,
/// refused and withdrawn ones.
@Suite struct ApprovalWorkflowExplorationTests {
    enum StandIns: CaseIterable { case none, sameRole, aboveInChain }

    /// Who works in the trusts in one scenario, and who applies.
    struct Scenario: CustomStringConvertible {
        let chain: Int
        let applicantRole: Role
        let crossTrust: Bool
        let standIns: StandIns
        let secondHolders: Bool
        let headOnCommittee: Bool

        var description: String {
            "chain v\(chain), applicant \(applicantRole), cross-trust \(crossTrust), stand-ins \(standIns), "
                + "second holders \(secondHolders), head on committee \(headOnCommittee)"
        }

        /// The seat of each role: person, role, trust, department.
        static let seats: [CaseActor] = [
            CaseActor(personID: "leder", role: .departmentHead, trustID: "SI", departmentID: "med"),
            CaseActor(personID: "seksjon", role: .sectionChief, trustID: "SI", departmentID: "med"),
            CaseActor(personID: "divisjon", role: .divisionDirector, trustID: "SI", departmentID: nil),
            CaseActor(personID: "komite", role: .committeeMember, trustID: "SI", departmentID: nil),
            CaseActor(personID: "direktor", role: .medicalDirector, trustID: "SI", departmentID: nil),
            CaseActor(personID: "direktor-hb", role: .medicalDirector, trustID: "HB", departmentID: nil),
        ]

        var applicant: CaseActor {
            Self.seats.first { $0.role == applicantRole && $0.trustID == "SI" }
                ?? CaseActor(personID: "lege", role: .physician, trustID: "SI", departmentID: "med")
        }

        /// Every way someone at hand can act: in their own role, or as a stand-in in their principal's.
        var actors: [CaseActor] {
            var actors = Self.seats + [applicant].filter { $0.role == .physician }
            func own(_ person: String, like seat: CaseActor) -> CaseActor {
                CaseActor(personID: person, role: seat.role, trustID: seat.trustID, departmentID: seat.departmentID)
            }
            func standIn(_ person: String, for seat: CaseActor) -> CaseActor {
                CaseActor(
                    personID: person, role: seat.role, trustID: seat.trustID, departmentID: seat.departmentID,
                    onBehalfOf: seat.personID)
            }
            let leaders = Self.seats.filter { $0.role != .sectionChief }
            if secondHolders { actors += leaders.map { own($0.personID + "-2", like: $0) } }
            if headOnCommittee {
                actors.append(CaseActor(personID: "leder", role: .committeeMember, trustID: "SI", departmentID: nil))
            }
            for (index, seat) in leaders.enumerated() {
                // SPEC §5.12: a stand-in already holds the same role, or one above it in the chain, in the same
                // trust; a section chief may stand in for the head of their own department.
                let deputy = seat.personID + "-sf"
                let above = index + 1 < leaders.count && leaders[index + 1].trustID == seat.trustID
                switch standIns {
                case .none:
                    break
                case .sameRole where seat.role == .departmentHead:
                    actors.append(standIn("seksjon", for: seat))
                case .aboveInChain where above:
                    actors.append(standIn(leaders[index + 1].personID, for: seat))
                case .sameRole, .aboveInChain:
                    actors += [own(deputy, like: seat), standIn(deputy, for: seat)]
                }
            }
            return actors
        }

        var start: CaseSnapshot {
            CaseSnapshot(
                state: .draft, chainVersion: chain, applicantID: applicant.personID, trustID: "SI", departmentID: "med",
                patientTrustID: crossTrust ? "HB" : "SI", history: [], applicantRole: applicant.role)
        }

        static let all: [Scenario] = ApprovalChain.all.keys.sorted().flatMap { chain in
            [Role.physician, .departmentHead, .sectionChief, .divisionDirector, .committeeMember, .medicalDirector]
                .flatMap { role in
                    [false, true].flatMap { crossTrust in
                        StandIns.allCases.flatMap { standIns in
                            [false, true].flatMap { second in
                                [false, true].map { shared in
                                    Scenario(
                                        chain: chain, applicantRole: role, crossTrust: crossTrust, standIns: standIns,
                                        secondHolders: second, headOnCommittee: shared)
                                }
                            }
                        }
                    }
                }
        }
    }

    /// A case as far as who may act on it depends on it: its state, who was appointed, and who acted on which
    /// step among the people who could act on more than one (four eyes bars nobody else from anything they could
    /// do, so leaving them out only merges cases with the same future).
    struct Key: Hashable {
        let state: CaseState
        let stepPeople: [CaseState: Set<String>]
        let appointed: Set<String>

        init(_ snapshot: CaseSnapshot, appointed: [CaseActor], multiStep: Set<String>) {
            state = snapshot.state
            stepPeople = Dictionary(
                snapshot.history.map { ($0.from, $0.people.intersection(multiStep)) },
                uniquingKeysWith: { $0.union($1) })
            self.appointed = Set(appointed.map(\.personID))
        }
    }

    /// The people who could act on more than one step of the scenario's chain, in any of their roles or as a
    /// stand-in (the next leader up included).
    static func multiStep(_ scenario: Scenario) -> Set<String> {
        guard let chain = ApprovalChain.all[scenario.chain] else { return [] }
        let start = scenario.start
        var steps: [String: Set<CaseState>] = [:]
        for actor in scenario.actors {
            for step in chain.steps {
                let role = actor.role == step.role || (start.applicantLeads(step) && actor.role == step.nextLeaderUp)
                let trust = step.scope == .patientTrust ? start.patientTrustID : start.trustID
                let unit =
                    step.scope != .department || actor.departmentID == start.departmentID || actor.role != step.role
                if role && actor.trustID == trust && unit {
                    for person in actor.people { steps[person, default: []].insert(step.state) }
                }
            }
        }
        return Set(steps.filter { $0.value.count > 1 }.keys)
    }

    struct Node {
        let snapshot: CaseSnapshot
        let appointed: [CaseActor]
    }

    /// What the search found in one scenario.
    struct Exploration {
        var nodes = 0
        var appointments = 0
        var finals: Set<CaseState> = []
        var terminals: Set<CaseState> = []
        var stuck: [String] = []
        var neverDecided: [String] = []
    }

    /// How often a case may go back to the applicant (returns and supplement requests) on one path. Going round
    /// again only adds people to steps already taken, which the rounds explored already bar.
    static let maxRounds = 2

    /// Every transition anyone at hand (and anyone appointed on the way) can make from the snapshot, with who
    /// makes it.
    static func transitions(from snapshot: CaseSnapshot, by actors: [CaseActor]) -> [(CaseActor, CaseTransition)] {
        let loops: Set<String> = [CaseAction.returnToApplicant.name, CaseAction.requestSupplement.name]
        let rounds = snapshot.history.count { loops.contains($0.action) }
        return actors.flatMap { actor in
            ApprovalWorkflow.sampleActions(for: actor, on: snapshot).compactMap { action in
                guard rounds < maxRounds || !loops.contains(action.name),
                    let transition = try? ApprovalWorkflow.apply(
                        action, comment: "Begrunnelse", by: actor, to: snapshot)
                else { return nil }
                return (actor, transition)
            }
        }
    }

    static func explore(_ scenario: Scenario) -> Exploration {
        var result = Exploration()
        let people = scenario.actors
        let multiStep = multiStep(scenario)
        var seen: [Key: Int] = [:]
        var nodes: [Node] = []
        var edges: [[Int]] = []
        func visit(_ node: Node) -> Int {
            let key = Key(node.snapshot, appointed: node.appointed, multiStep: multiStep)
            if let index = seen[key] { return index }
            seen[key] = nodes.count
            nodes.append(node)
            edges.append([])
            return nodes.count - 1
        }
        _ = visit(Node(snapshot: scenario.start, appointed: []))
        var next = 0
        while next < nodes.count && nodes.count < 20_000 {
            let node = nodes[next]
            let snapshot = node.snapshot
            var appointed = node.appointed
            var outgoing = transitions(from: snapshot, by: people + appointed)
            let assignment = ApprovalWorkflow.assignment(of: snapshot, among: people + appointed)
            let movers = Set(outgoing.filter { $0.1.action != CaseAction.withdraw.name }.map(\.0))
            switch assignment {
            case .closed:
                if !snapshot.state.isFinal || !outgoing.isEmpty { result.stuck.append("\(snapshot.state): closed") }
            case .applicant(let applicant):
                if applicant != scenario.applicant.personID || !movers.contains(where: { $0.personID == applicant }) {
                    result.stuck.append("\(snapshot.state): the applicant cannot act")
                }
            case .reviewers(let reviewers):
                // The workflow names exactly those who can move the case on.
                if Set(reviewers) != movers || reviewers.count != movers.count {
                    result.stuck.append("\(snapshot.state): named \(reviewers.map(\.personID)), able \(movers)")
                }
            case .needsAppointment(let needed):
                // Nobody at hand can move the case: the appointment named must be of the step's role, and work.
                let role = ApprovalChain.all[snapshot.chainVersion]?.step(for: snapshot.state)?.role
                if !movers.isEmpty || needed.role != role {
                    result.stuck.append("\(snapshot.state): \(needed) although \(movers.count) can act")
                }
                let person = CaseActor(
                    personID: "ny-\(needed.role.rawValue)-\(appointed.count)", role: needed.role,
                    trustID: needed.trustID, departmentID: needed.departmentID)
                appointed.append(person)
                result.appointments += 1
                outgoing = transitions(from: snapshot, by: people + appointed)
                if !outgoing.contains(where: { $0.0 == person && $0.1.action != CaseAction.withdraw.name }) {
                    result.stuck.append("\(snapshot.state): appointing \(needed.role) did not help")
                }
            }
            if outgoing.isEmpty { result.terminals.insert(snapshot.state) }
            if snapshot.state.isFinal { result.finals.insert(snapshot.state) }
            for (_, transition) in outgoing {
                let target = visit(Node(snapshot: Fixtures.after(transition, on: snapshot), appointed: appointed))
                edges[next].append(target)
            }
            next += 1
        }
        result.nodes = nodes.count
        if next < nodes.count { result.stuck.append("the search did not end (\(nodes.count) cases)") }
        // No trap either: from every case under way a decision can still be reached.
        var reaches = Set(nodes.indices.filter { [.approved, .refused].contains(nodes[$0].snapshot.state) })
        var changed = true
        while changed {
            changed = false
            for index in nodes.indices where !reaches.contains(index) && edges[index].contains(where: reaches.contains)
            {
                reaches.insert(index)
                changed = true
            }
        }
        for index in nodes.indices where !nodes[index].snapshot.state.isFinal && !reaches.contains(index) {
            result.neverDecided.append(
                "\(nodes[index].snapshot.state) after \(nodes[index].snapshot.history.map(\.action))")
        }
        return result
    }

    @Test(arguments: Scenario.all)
    func noReachableCaseIsLeftWithNobodyAbleToAct(_ scenario: Scenario) {
        // when
        let found = Self.explore(scenario)
        // then
        #expect(found.stuck.isEmpty, "\(found.stuck.prefix(3))")
        #expect(found.neverDecided.isEmpty, "\(found.neverDecided.prefix(3))")
        // and the cases that end are exactly the decided and withdrawn ones, each of which is reached
        #expect(found.terminals == [.approved, .refused, .withdrawn])
        #expect(found.finals == [.approved, .refused, .withdrawn])
        #expect(Set(CaseState.allCases.filter(\.isFinal)) == [.approved, .refused, .withdrawn])
    }

    @Test(arguments: Scenario.all.filter { $0.standIns == .sameRole || $0.secondHolders })
    func withStandInsOrSecondHoldersThePreferredReviewerNeverNeedsAnAppointment(_ scenario: Scenario) throws {
        // given
        let actors = scenario.actors
        var snapshot = scenario.start
        // when: each step is taken by the first reviewer the workflow names, in favour
        while !snapshot.state.isFinal {
            let actor: CaseActor
            switch ApprovalWorkflow.assignment(of: snapshot, among: actors) {
            case .applicant: actor = scenario.applicant
            case .reviewers(let reviewers): actor = reviewers[0]
            case .needsAppointment(let needed):
                Issue.record("\(snapshot.state) needs an appointment: \(needed)")
                return
            case .closed: return
            }
            let forward = ApprovalWorkflow.sampleActions(for: actor, on: snapshot).lazy.filter {
                switch $0 {
                case .submit, .qualityAssure, .assessPriority, .recommend, .partnerDirectorConcur, .approve: true
                case .assess(let opinion): [.recommendApproval, .comment].contains(opinion.kind)
                default: false
                }
            }.compactMap { try? ApprovalWorkflow.apply($0, comment: "Begrunnelse", by: actor, to: snapshot) }.first
            snapshot = Fixtures.after(try #require(forward), on: snapshot)
        }
        // then
        #expect(snapshot.state == .approved)
    }
}
