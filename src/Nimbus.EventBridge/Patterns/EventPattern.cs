using System.Text.Json;

namespace Nimbus.EventBridge.Patterns;

/// <summary>
/// A compiled EventBridge event pattern
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). Compile once when a rule is
/// stored; <see cref="Matches(JsonElement)"/> runs for every event put on the bus.
/// </summary>
internal sealed class EventPattern
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
