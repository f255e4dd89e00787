using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// A compiled EventBridge event pattern
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). Lambda's event filtering for
/// event source mappings uses the same language, so both services share this matcher. Compile once when a rule or
/// mapping is stored; <see cref="Matches(JsonElement)"/> runs for every event.
/// </summary>
public sealed class EventPattern
{
    private readonly PatternNode _root;

    private EventPattern(PatternNode root) => _root = root;

    /// <summary>Compiles a pattern; throws <see cref="EventPatternException"/> with AWS's reason when it is not valid.</summary>
    public static EventPattern Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new EventPatternException(exception.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EventPatternException("Filter is not an object");
            }
            return new EventPattern(PatternCompiler.CompileObject(document.RootElement, insideOr: false));
        }
    }

    public bool Matches(JsonElement @event) => _root.Matches([@event]);
}
