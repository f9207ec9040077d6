using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Routilux;

/// <summary>
/// Every routine type of the loaded assemblies, by name. Filled by generated module initializers (no reflection,
/// so trimming and AOT keep working); used to create routines by name, for example from flow definitions.
/// Generic routines are not listed: add them to flows by type.
/// </summary>
public static class RoutineCatalog
{
    private static readonly ConcurrentDictionary<string, RoutineDescriptor> ByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, RoutineDescriptor> ByFullName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> Ambiguous = new(StringComparer.Ordinal);

    /// <summary>For generated code; not part of the supported API. Registers a routine type; called by the generated module initializer.</summary>
    /// <typeparam name="TRoutine">The routine class.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<TRoutine>()
        where TRoutine : class, IRoutineDefinition<TRoutine>
    {
        var descriptor = TRoutine.Descriptor;
        ByFullName[descriptor.RoutineType.FullName ?? descriptor.Name] = descriptor;
        var added = ByName.GetOrAdd(descriptor.Name, descriptor);
        if (added.RoutineType != descriptor.RoutineType)
        {
            Ambiguous[descriptor.Name] = 0;
        }
    }

    /// <summary>All registered routine descriptors.</summary>
    public static IReadOnlyCollection<RoutineDescriptor> All => (IReadOnlyCollection<RoutineDescriptor>)ByFullName.Values;

    /// <summary>Finds a routine type by its catalog name or its full type name.</summary>
    /// <exception cref="KeyNotFoundException">No routine has that name.</exception>
    /// <exception cref="InvalidOperationException">Several routine types share that name.</exception>
    public static RoutineDescriptor Get(string name)
    {
        if (ByFullName.TryGetValue(name, out var byFullName))
        {
            return byFullName;
        }

        if (Ambiguous.ContainsKey(name))
        {
            var candidates = ByFullName.Values.Where(d => d.Name == name).Select(d => d.RoutineType.FullName);
            throw new InvalidOperationException(
                $"Several routine types are named '{name}' ({string.Join(", ", candidates)}). Use the full type name, or give each a unique [Routine(Name = \"...\")].");
        }

        return ByName.TryGetValue(name, out var descriptor)
            ? descriptor
            : throw new KeyNotFoundException($"No routine named '{name}' is registered. Known routines: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Finds a routine type by its catalog name or its full type name, without throwing.</summary>
    /// <param name="name">The catalog name (<see cref="RoutineDescriptor.Name"/>) or the full type name.</param>
    /// <param name="descriptor">The routine's descriptor when found; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when exactly one routine type has that name.</returns>
    public static bool TryGet(string name, [NotNullWhen(true)] out RoutineDescriptor? descriptor)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByFullName.TryGetValue(name, out descriptor))
        {
            return true;
        }

        if (!Ambiguous.ContainsKey(name) && ByName.TryGetValue(name, out descriptor))
        {
            return true;
        }

        descriptor = null;
        return false;
    }
}
