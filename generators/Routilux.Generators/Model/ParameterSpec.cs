namespace Routilux.Generators.Model;

/// <summary>What a handler parameter is for: part of the payload, or filled in by the runtime.</summary>
internal enum ParameterRole
{
    Payload,
    CancellationToken,
    Context,
}

/// <summary>One parameter of a slot or emit method.</summary>
/// <param name="Name">The parameter's name as declared, without a verbatim '@'.</param>
/// <param name="Type">The fully qualified type, with nullable annotations, as it must appear in generated code.</param>
/// <param name="Role">Whether the parameter carries payload or is supplied by the runtime.</param>
/// <param name="Modifier">"in " when declared as an <c>in</c> parameter, otherwise empty.</param>
/// <param name="IsParams">Whether the parameter is declared <c>params</c> (a partial implementation must repeat it).</param>
internal sealed record ParameterSpec(string Name, string Type, ParameterRole Role, string Modifier, bool IsParams);
