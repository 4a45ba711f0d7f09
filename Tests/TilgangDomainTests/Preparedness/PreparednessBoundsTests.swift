import Testing

@testable import TilgangDomain

/// Plausible dates and numbers in the preparedness register (issue 18), and a chart that keeps its size.
@Suite struct PreparednessBoundsTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    @Test func datesFrom2000ToTenYearsAhead() {
        func check(_ y: Int, _ m: Int, _ d: Int) -> FieldError? {
            PreparednessBounds.checkDate(CalendarDate(year: y, month: m, day: d)!, today: Self.today, field: "start")
        }
        #expect(check(1, 1, 1)?.message == "kan ikke være før 01.01.2000")
        #expect(check(1999, 12, 31) != nil)
        #expect(check(2000, 1, 1) == nil)
        #expect(check(2036, 11, 29) == nil)
        #expect(check(2036, 11, 30)?.message == "kan ikke være etter 29.11.2036 (10 år fram i tid)")
        #expect(check(9999, 1, 1)?.field == "start")
        let leap = CalendarDate(year: 2028, month: 2, day: 29)!
        #expect(PreparednessBounds.latest(today: leap) == CalendarDate(year: 2038, month: 2, day: 28)!)
    }

    @Test func quantitiesFromZeroToAHundredMillion() {
        #expect(PreparednessBounds.checkQuantity(0, field: "quantity") == nil)
        #expect(PreparednessBounds.checkQuantity(100_000_000, field: "quantity") == nil)
        #expect(PreparednessBounds.checkQuantity(-1, field: "quantity")?.message == "kan ikke være negativ")
        #expect(PreparednessBounds.checkQuantity(100_000_001, field: "quantity") != nil)
        #expect(PreparednessBounds.checkQuantity(.infinity, field: "quantity") != nil)
        let stock = StockItem(
            holder: StockItem.nationalStore, material: .api, name: "Morfin", atc: "N02AA01", quantity: 1e12,
            unit: "kg", batch: "B1", expiresOn: Self.today)
        #expect(stock.validate().map(\.field) == ["quantity"])
        let batch = ProducedBatch(site: "SAV", batch: "B2", producedOn: Self.today, quantity: 500_000_000, remaining: 0)
        #expect(batch.validate().map(\.field) == ["quantity"])
    }

    @Test func theChartSpansAtMostFifteenPlausibleYears() {
        #expect(PreparednessBounds.chartRange(startYears: [1, 9999], thisYear: 2026) == nil)
        #expect(PreparednessBounds.chartRange(startYears: [1, 2024, 9999], thisYear: 2026) == 2024...2026)
        #expect(PreparednessBounds.chartRange(startYears: [2000, 2025], thisYear: 2026) == 2012...2026)
    }
}
