namespace Parallax.Core.Agencies;

/// <summary>An organisation in the partnership that may be asked for audit returns and chronologies.</summary>
public class Agency : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public Partnership? Partnership { get; set; }

    /// <summary>Short code unique within the partnership (e.g. "POL"); what <c>--agency</c> takes.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AgencyType Type { get; set; }

    /// <summary>The agency provides services to adults, so audit sections "for agencies working with adults" apply to it.</summary>
    public bool WorksWithAdults { get; set; }

    /// <summary>
    /// Where request notices go when the agency has no active auditor (a shared mailbox such as a safeguarding team's);
    /// optional.
    /// </summary>
    public string? ReturnsContactEmail { get; set; }

    /// <summary>When the agency left the partnership: it keeps its history and gets no new requests. Null while active.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public bool IsRetired => RetiredAt is not null;
}
