namespace Nimbus.Billing.Reports;

public sealed record FreeTierUse(string Name, decimal Allowance, decimal Used)
{
    public decimal Remaining => Allowance - Used;
}
