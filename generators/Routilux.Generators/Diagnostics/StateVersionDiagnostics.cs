using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Diagnostics;

// RTLX2010-RTLX2019: the versioning of saved routine state (the migration chain, stable names, and the committed shape
// file RoutiluxState.Shipped.json). Kept apart from the other descriptors so the state and serializer diagnostics can
// grow without one file passing a few hundred lines; the analyzers in analyzers/Routilux.Analyzers/State report them.

/// <summary>The IDs of the state versioning diagnostics.</summary>
internal static partial class DiagnosticIds
{
    public const string MigrationChainGap = "RTLX2010";
    public const string DuplicateMigration = "RTLX2011";
    public const string MigrationOutOfRange = "RTLX2012";
    public const string UnpinnedStateName = "RTLX2013";
    public const string StateNameCollision = "RTLX2014";
    public const string ShapeChangedWithoutBump = "RTLX2015";
    public const string ShapeNotRecorded = "RTLX2016";
    public const string ShapeChangedCompatibly = "RTLX2017";
    public const string StateVersionBelowRecorded = "RTLX2018";
    public const string ShapeFileUnreadable = "RTLX2019";
}

/// <summary>The descriptors of the state versioning diagnostics.</summary>
internal static partial class DiagnosticDescriptors
{
    private const string StateVersioning = "Routilux.State";

    public static readonly DiagnosticDescriptor MigrationChainGap = new(
        DiagnosticIds.MigrationChainGap, "State migration chain has a gap",
        "Routine '{0}' is at StateVersion {1}, but no [MigrateState(from: {2})] migrates version {2} to {3}, so a checkpoint saved at version {2} could not be resumed; add that migration",
        StateVersioning, DiagnosticSeverity.Error, true,
        "A routine at StateVersion n reads state saved at any version from 1 to n by running one migration per step, so it needs exactly one [MigrateState(from: v)] for every v from 1 to n - 1.",
        HelpLinkBase + DiagnosticIds.MigrationChainGap + ".md");

    public static readonly DiagnosticDescriptor DuplicateMigration = new(
        DiagnosticIds.DuplicateMigration, "Two migrations from the same state version",
        "Migrations '{0}' and '{1}' of routine '{2}' both migrate from version {3}, and only one can run; merge them into one method",
        StateVersioning, DiagnosticSeverity.Error, true,
        "Each step of the chain, version v to v + 1, is exactly one [MigrateState(from: v)] method.",
        HelpLinkBase + DiagnosticIds.DuplicateMigration + ".md");

    public static readonly DiagnosticDescriptor MigrationOutOfRange = new(
        DiagnosticIds.MigrationOutOfRange, "Migration from a version the routine never reads",
        "Migration '{0}' of routine '{1}' migrates from version {2} and can never run: {3}",
        StateVersioning, DiagnosticSeverity.Error, true,
        "State versions start at 1 and a routine at StateVersion n migrates versions 1 to n - 1; a migration from n or above runs only after a bump, and one from below 1 never.",
        HelpLinkBase + DiagnosticIds.MigrationOutOfRange + ".md");

    public static readonly DiagnosticDescriptor UnpinnedStateName = new(
        DiagnosticIds.UnpinnedStateName, "Shipped state member has no pinned name",
        "State member '{0}' of routine '{1}' is saved as '{2}', its C# name, and the routine's state has shipped (RoutiluxState.Shipped.json records it); pin the name with [State(Name = \"{2}\")] so renaming the member cannot orphan saved state",
        StateVersioning, DiagnosticSeverity.Warning, true,
        "Without [State(Name = ...)] a state member is saved under its C# name, so a rename refactoring silently changes what checkpoints hold; once state has shipped, names are pinned.",
        HelpLinkBase + DiagnosticIds.UnpinnedStateName + ".md");

    public static readonly DiagnosticDescriptor StateNameCollision = new(
        DiagnosticIds.StateNameCollision, "Two state members share a saved name",
        "State member '{0}' of routine '{1}' is saved or read as '{2}', which is also {3}; give each member its own Name and FormerNames",
        StateVersioning, DiagnosticSeverity.Error, true,
        "A saved state document has one member per name, so no two state members may share a Name, a FormerNames entry, or one's Name and the other's former name.",
        HelpLinkBase + DiagnosticIds.StateNameCollision + ".md");

    public static readonly DiagnosticDescriptor ShapeChangedWithoutBump = new(
        DiagnosticIds.ShapeChangedWithoutBump, "State shape changed without a StateVersion bump",
        "The state of routine '{0}' changed at StateVersion {1} in a way checkpoints saved before cannot be read ({2}); bump StateVersion to {3} and migrate, or record the new shape if no state was ever saved at version {1}",
        StateVersioning, DiagnosticSeverity.Warning, true,
        "RoutiluxState.Shipped.json records each routine's state shape per StateVersion; a change old documents cannot be read into (a type changed beyond numeric widening, a required member added) needs a new version and a migration.",
        HelpLinkBase + DiagnosticIds.ShapeChangedWithoutBump + ".md");

    public static readonly DiagnosticDescriptor ShapeNotRecorded = new(
        DiagnosticIds.ShapeNotRecorded, "State shape not recorded",
        "The state shape of routine '{0}' at StateVersion {1} is not recorded in RoutiluxState.Shipped.json",
        StateVersioning, DiagnosticSeverity.Info, true,
        "Recording the shape lets the analyzers report a later change made without a StateVersion bump.",
        HelpLinkBase + DiagnosticIds.ShapeNotRecorded + ".md");

    public static readonly DiagnosticDescriptor ShapeChangedCompatibly = new(
        DiagnosticIds.ShapeChangedCompatibly, "State shape changed compatibly but is not recorded",
        "The state of routine '{0}' at StateVersion {1} differs from RoutiluxState.Shipped.json in ways saved checkpoints still read ({2}); record the new shape",
        StateVersioning, DiagnosticSeverity.Info, true,
        "Adding an optional member, removing one, renaming one with FormerNames and numeric widening need no new version; recording them keeps the file the reference later changes are compared with.",
        HelpLinkBase + DiagnosticIds.ShapeChangedCompatibly + ".md");

    public static readonly DiagnosticDescriptor StateVersionBelowRecorded = new(
        DiagnosticIds.StateVersionBelowRecorded, "StateVersion is below a recorded version",
        "Routine '{0}' is at StateVersion {1}, but RoutiluxState.Shipped.json records version {2}, so checkpoints saved at version {2} would be refused as newer than the code; set StateVersion to {2} or later",
        StateVersioning, DiagnosticSeverity.Warning, true,
        "A state version, once shipped, is never taken back: code reads only versions up to its own.",
        HelpLinkBase + DiagnosticIds.StateVersionBelowRecorded + ".md");

    public static readonly DiagnosticDescriptor ShapeFileUnreadable = new(
        DiagnosticIds.ShapeFileUnreadable, "RoutiluxState.Shipped.json cannot be read",
        "RoutiluxState.Shipped.json cannot be read: {0}; the state shape checks are off until it is fixed",
        StateVersioning, DiagnosticSeverity.Warning, true,
        "The shape file is JSON written by the code fixes: {\"format\": 1, \"routines\": {type: {version: {member: type}}}}.",
        HelpLinkBase + DiagnosticIds.ShapeFileUnreadable + ".md");
}
