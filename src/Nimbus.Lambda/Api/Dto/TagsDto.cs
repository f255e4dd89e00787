namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>TagResource</c> request and <c>ListTags</c> response.</summary>
internal sealed class TagsDto
{
    public Dictionary<string, string>? Tags { get; set; }
}
