import SanziEngine
import SanziEvents
import SanziScenario

/// The villages' books: the balance of each account, the yearly spending and income each
/// village plans, and the loans made. Money is in fen.
struct Ledger: Sendable {
    typealias Account = LogRecord.Account

    let finance: FinanceRules
    /// The balances of every village's accounts, one a kind in the order of `Account.rawValue`
    /// (basic (bank), compensation, cash), in one array: an array a village made every entry
    /// read two records far apart at 12,000 villages (the village's, then its array's), each a
    /// cache miss.
    private var accounts: [Int64] = []
    /// Per village: yearly amounts drawn from its profile's ranges.
    var spendingPerYear: [[(kind: FundsProfile.SpendingKind, amount: Int64, seasonality: Double)]] = []
    var incomePerYear: [[(kind: FundsProfile.IncomeKind, amount: Int64)]] = []
    /// Per village: this month's stream for spending, income and compensation.
    var streams: [RandomStream] = []
    var nextLoanID: Int64 = 1

    init(finance: FinanceRules) { self.finance = finance }

    /// `Account`'s kinds (a literal: the subscript is on the hot path).
    private static let accountsPerVillage = 3

    subscript(village: Int32, account: Account) -> Int64 {
        get { accounts[Int(village) * Self.accountsPerVillage + Int(account.rawValue)] }
        set { accounts[Int(village) * Self.accountsPerVillage + Int(account.rawValue)] = newValue }
    }

    /// Opens the next village's accounts, each at zero.
    mutating func openAccounts() { accounts += repeatElement(0, count: Self.accountsPerVillage) }

    /// Per village, the balances by `Account.rawValue`.
    var balances: [[Int64]] {
        stride(from: 0, to: accounts.count, by: Self.accountsPerVillage).map {
            Array(accounts[$0..<($0 + Self.accountsPerVillage)])
        }
    }

    /// The approval an amount needs, by the scenario's tiers.
    func approver(for amount: Int64) -> LogRecord.Approver { finance.approver(for: amount).logged }
}

extension FundsProfile.AccountKind {
    /// The account as the log names it.
    var logged: LogRecord.Account {
        switch self {
        case .basic: .basic
        case .compensation: .compensation
        case .cash: .cash
        }
    }
}

extension Approver {
    /// The approver as the log names it.
    var logged: LogRecord.Approver {
        switch self {
        case .financeHead: .financeHead
        case .twoCommittees: .twoCommittees
        case .representativesMeeting: .representativesMeeting
        }
    }
}

extension FundsProfile.SpendingKind {
    /// The purpose a disbursement of this kind is logged with.
    var purpose: LogRecord.DisbursementPurpose {
        switch self {
        case .wages: .wages
        case .works: .works
        case .maintenance: .maintenance
        case .welfare: .welfare
        case .hospitality: .hospitality
        case .travel: .travel
        case .office: .office
        }
    }
}
