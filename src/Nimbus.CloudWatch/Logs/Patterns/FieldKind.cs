namespace Nimbus.CloudWatch.Logs.Patterns;

internal enum FieldKind
{
    Missing,
    Null,
    Text,
    Number,
    True,
    False,
    Structure,
}
