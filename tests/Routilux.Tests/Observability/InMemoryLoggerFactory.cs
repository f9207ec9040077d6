using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Routilux.Tests.Observability;

/// <summary>One log call as a logger received it.</summary>
public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// A logger factory that keeps every record in memory, every level enabled: the test project's own, so the tests need
/// no logging implementation package.
/// </summary>
public sealed class InMemoryLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<LogRecord> Records { get; } = new();

    public IEnumerable<LogRecord> WithId(int id) => Records.Where(r => r.EventId.Id == id);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The in-memory factory has no providers.");

    public void Dispose()
    {
    }

    private sealed class Logger(InMemoryLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
