import ArgumentParser
import Foundation

/// How far back a command looks, as a person types it: a whole number of hours, days or weeks (`12h`,
/// `30d`, `2w`).
struct Lookback: ExpressibleByArgument, Equatable, CustomStringConvertible {
    static let units: [Character: TimeInterval] = ["h": 3600, "d": 86_400, "w": 604_800]

    /// The text as given.
    let description: String
    let seconds: TimeInterval

    init?(argument: String) {
        // Bounded by a century, so that the start of the window is a date every output can show.
        guard let unit = argument.last, let size = Self.units[unit],
              let count = Int(argument.dropLast()), count > 0, argument.first?.isNumber == true,
              count <= Int(TimeInterval(100 * 366 * 86_400) / size)
        else { return nil }
        description = argument
        seconds = TimeInterval(count) * size
    }

    var defaultValueDescription: String { description }

    /// The instant `self` before `now`.
    func start(before now: Date) -> Date {
        now.addingTimeInterval(-seconds)
    }
}
