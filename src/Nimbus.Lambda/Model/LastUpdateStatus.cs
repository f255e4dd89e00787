namespace Nimbus.Lambda.Model;

/// <summary>The <c>LastUpdateStatus</c> of a function after an update of its code or configuration.</summary>
internal enum LastUpdateStatus
{
    InProgress,
    Successful,
    Failed,
}
