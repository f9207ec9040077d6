using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>Generated code for the shapes a routine class can take, and the catalog file.</summary>
public sealed class RoutineSnapshotTests
{
    [Fact]
    public void DocSummaries() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        /// <summary>
        /// Counts <see cref="string"/> values,   across
        /// lines; returns <see langword="true"/> &amp; more &lt;b&gt;.
        /// </summary>
        /// <remarks>Not part of the summary.</remarks>
        [Routine]
        public partial class Counter
        {
            /// <summary>The <paramref name="word"/> to <c>count</c>, "quoted".</summary>
            /// <param name="word">Ignored.</param>
            [Slot] public void Count(string word) { }

            /// <summary>Emitted with the total of <see cref="System.Collections.Generic.List{T}"/>.</summary>
            [Emits] public partial void Total(int total);

            // A plain comment is not documentation.
            [Slot] public void Reset() { }
        }
        """);

    [Fact]
    public void RoutineName() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine(Name = "word-splitter")]
        public sealed partial class Splitter
        {
            [Slot] public void Text(string line) { }
        }
        """);

    [Fact]
    public void GenericRoutineWithConstraint() => GeneratedSource.Verify("""
        using System;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Buffer<T>
            where T : notnull, IComparable<T>
        {
            [Slot] public void In(T item) { Out(item); }
            [Slot] public void Pair(T first, T second) { }
            [Emits] public partial void Out(T item);
        }

        [Routine]
        public partial class Map<TKey, TValue>
            where TKey : class
            where TValue : struct
        {
            [Slot] public void Put(TKey key, TValue? value) { }
        }
        """);

    [Fact]
    public void NestedRoutine() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        public static partial class Stages
        {
            public partial record Group
            {
                [Routine]
                public partial class Parse
                {
                    [Slot] public void Text(string line) { }
                    [Emits] public partial void Parsed(int value);
                }
            }

            [Routine]
            private partial class Secret
            {
                [Slot] public void Text(string line) { }
            }
        }
        """, includeCatalog: true);

    [Fact]
    public void GlobalNamespaceRoutine() => GeneratedSource.Verify("""
        using Routilux;

        [Routine]
        public partial class Echo
        {
            [Slot] public void Text(string line) => Said(line);
            [Emits] public partial void Said(string line);
        }
        """, includeCatalog: true);

    [Fact]
    public void InternalRoutine() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo.Inner;

        [Routine]
        internal partial class Hidden
        {
            [Slot] public void Text(string line) { }
        }

        internal sealed record Secret(string Value);

        [Routine]
        public partial class Mixed
        {
            [Slot] public void Open(string line) { }
            [Slot] internal void Closed(Secret secret) { }
            [Emits] internal partial void Out(Secret[] secrets);
            [Slot] private void Private(Nested nested) { }
            private sealed class Nested { }
        }
        """);

    [Fact]
    public void NoParameterlessConstructor() => GeneratedSource.Verify("""
        using System.Diagnostics.CodeAnalysis;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class NeedsPrefix(string prefix)
        {
            [Slot] public void Text(string line) => _ = prefix + line;
        }

        [Routine]
        public abstract partial class Base
        {
            [Slot] public void Text(string line) { }
        }

        [Routine]
        public partial class PrivateConstructor
        {
            private PrivateConstructor() { }
            [Slot] public void Text(string line) { }
        }

        [Routine]
        public partial class RequiredMember
        {
            public required string Prefix { get; init; }
            [Slot] public void Text(string line) { }
        }

        [Routine]
        public partial class SetsRequired
        {
            [SetsRequiredMembers] public SetsRequired() => Prefix = ">";
            public required string Prefix { get; init; }
            [Slot] public void Text(string line) { }
        }
        """);

    [Fact]
    public void ErrorAndQueuePolicies() => GeneratedSource.Verify("""
        using System;
        using System.IO;
        using Routilux;

        namespace Demo;

        [Routine]
        [OnError(ErrorStrategy.Retry, MaxRetries = 5, DelayMilliseconds = 12.5, BackoffFactor = 1, RetryOn = new[] { typeof(IOException), typeof(TimeoutException) }, Fallback = ErrorStrategy.Skip)]
        public partial class Retrying
        {
            [Slot(WhenFull = QueueFullPolicy.DropOldest)] public void Latest(string value) { }
            [Slot(Capacity = 4, WhenFull = QueueFullPolicy.Fail)] public void Strict(int value) { }
            [Slot(WhenFull = QueueFullPolicy.Wait)] public void Patient(int value) { }
        }

        [Routine]
        [OnError(ErrorStrategy.Continue)]
        public partial class Continuing
        {
            [Slot] public void Text(string line) { }
        }
        """);

    [Fact]
    public void Catalog() => GeneratedSource.Verify("""
        using Routilux;

        namespace Zeta
        {
            [Routine] public partial class Last { [Slot] public void Text(string line) { } }
        }

        namespace Alpha
        {
            [Routine] public partial class First { [Slot] public void Text(string line) { } }
            [Routine] internal partial class Second { [Slot] public void Text(string line) { } }
            [Routine] public partial class Generic<T> { [Slot] public void Text(T item) { } }
        }
        """, includeCatalog: true);
}
