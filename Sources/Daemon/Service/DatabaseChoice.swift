import Configuration
import Foundation
import Storage

/// The database a command or the daemon uses, and what chose it.
///
/// The first of these that is given wins: the `--database` option, the `VEILLEUR_DATABASE_URL`
/// environment variable (unset or empty: not given), `database:` in `veilleur.yaml`, then the SQLite
/// file of the state folder (`STATE/veilleur.sqlite`). A relative `sqlite:` path of the option or the
/// variable is resolved against the current directory; one of `veilleur.yaml` against the configuration
/// folder, since a service's current directory is rarely meaningful.
public struct DatabaseChoice: Sendable, Equatable {
    /// What decided the location.
    public enum Origin: String, Sendable, Equatable {
        case option = "--database"
        case environment = "VEILLEUR_DATABASE_URL"
        case settings = "veilleur.yaml"
        case stateFolder = "state folder"
    }

    /// The environment variable read after the option.
    public static let environmentVariable = "VEILLEUR_DATABASE_URL"

    /// Where the store is.
    public var location: DatabaseLocation
    /// What chose it.
    public var origin: Origin

    public init(location: DatabaseLocation, origin: Origin) {
        self.location = location
        self.origin = origin
    }

    /// Resolves the location in the order above.
    /// - Parameters:
    ///   - option: the `--database` value, if given.
    ///   - environment: the process environment.
    ///   - settings: the loaded `veilleur.yaml` (already validated, its path resolved).
    ///   - state: the state folder, for the default.
    ///   - currentDirectory: against which relative paths of the option and the variable are resolved.
    /// - Throws: ``DatabaseChoiceError`` naming the option or the variable whose value is refused.
    public static func resolve(
        option: String?, environment: [String: String], settings: Settings, state: StateLayout,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ) throws(DatabaseChoiceError) -> DatabaseChoice {
        if let option {
            do {
                return DatabaseChoice(location: try DatabaseLocation(parsing: option, relativeTo: currentDirectory), origin: .option)
            } catch {
                throw DatabaseChoiceError(origin: .option, reason: error)
            }
        }
        if let variable = environment[environmentVariable], !variable.isEmpty {
            do {
                return DatabaseChoice(location: try DatabaseLocation(parsing: variable, relativeTo: currentDirectory), origin: .environment)
            } catch {
                throw DatabaseChoiceError(origin: .environment, reason: error)
            }
        }
        if let configured = settings.database {
            return DatabaseChoice(location: configured, origin: .settings)
        }
        return DatabaseChoice(location: state.defaultDatabase, origin: .stateFolder)
    }
}

/// A `--database` option or `VEILLEUR_DATABASE_URL` value that is not a database location.
public struct DatabaseChoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the refused value came from.
    public var origin: DatabaseChoice.Origin
    /// Why it was refused.
    public var reason: DatabaseLocationError

    public var description: String { "\(origin.rawValue): \(reason.message)" }
}
