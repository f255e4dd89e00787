namespace Nimbus.Lambda.Api.Dto;

internal sealed class EphemeralStorageDto
{
    public int? Size { get; set; }
}
