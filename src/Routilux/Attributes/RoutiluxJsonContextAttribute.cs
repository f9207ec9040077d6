using System.Diagnostics.CodeAnalysis;

namespace Routilux;

/// <summary>
/// Names the <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> that serializes the state and payload
/// types the Routilux generator does not handle itself (see docs/durable-state.md for the shapes it does). The
/// generated serializers delegate those types to the context's type info; a type that neither covers is a compile
/// error (RTLX2001), never a run-time surprise.
/// </summary>
/// <example><code>[assembly: RoutiluxJsonContext(typeof(MyJsonContext))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RoutiluxJsonContextAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="contextType">A <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> subclass with a public parameterless constructor or a static <c>Default</c> property.</param>
    public RoutiluxJsonContextAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)] Type contextType)
    {
        ContextType = contextType;
    }

    /// <summary>The context type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)]
    public Type ContextType { get; }
}
