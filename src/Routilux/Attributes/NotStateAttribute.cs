namespace Routilux;

/// <summary>
/// Leaves a field or property out of the saved state of a routine whose class is marked <see cref="StateAttribute"/>
/// (for caches, handles and anything rebuilt on start).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NotStateAttribute : Attribute
{
}
