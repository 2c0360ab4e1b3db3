namespace Parallax.Tests.Privacy;

public class IdentifiableDataDetectorTests
{
    private static IReadOnlyList<(IdentifierKind Kind, string Text)> Find(string text) =>
        IdentifiableDataDetector.Find(text).Select(f => (f.Kind, f.Text)).ToList();

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("4010232137", true)]
    [InlineData("9434765918", false)]
    [InlineData("943476591", false)]
    [InlineData("943476591X", false)]
    public void NhsNumberChecksum_IsModulus11(string digits, bool valid)
    {
        Assert.Equal(valid, IdentifiableDataDetector.IsValidNhsNumber(digits));
    }

    [Theory]
    [InlineData("NHS no. 943 476 5919 on the GP record", IdentifierKind.NhsNumber, "943 476 5919")]
    [InlineData("family moved to NE1 4XF last spring", IdentifierKind.Postcode, "NE1 4XF")]
    [InlineData("mum's mobile 07700 900123 was not answered", IdentifierKind.PhoneNumber, "07700 900123")]
    [InlineData("called +44 7700 900123 twice", IdentifierKind.PhoneNumber, "+44 7700 900123")]
    [InlineData("the school rang 0191 498 0123", IdentifierKind.PhoneNumber, "0191 498 0123")]
    [InlineData("e-mailed dad at dad.smith@example.org", IdentifierKind.EmailAddress, "dad.smith@example.org")]
    [InlineData("NI number AB 12 34 56 C held by probation", IdentifierKind.NationalInsuranceNumber, "AB 12 34 56 C")]
    [InlineData("child DOB 12/03/2015, seen at home", IdentifierKind.DateOfBirth, "12/03/2015")]
    [InlineData("born on 4th July 2019 at 34 weeks", IdentifierKind.DateOfBirth, "4th July 2019")]
    [InlineData("Mrs Smith did not attend the core group", IdentifierKind.FullName, "Mrs Smith")]
    [InlineData("Jessica Brown was seen alone", IdentifierKind.FullName, "Jessica Brown")]
    [InlineData("Jessica Anne Testerton was seen alone", IdentifierKind.FullName, "Jessica Anne Testerton")]
    [InlineData("Mum Mary Testerton did not attend", IdentifierKind.FullName, "Mary Testerton")]
    [InlineData("Seen with Kerry Testerton Health Visitor present", IdentifierKind.FullName, "Kerry Testerton")]
    [InlineData("the family lives at 12 Acacia Road with the maternal grandmother", IdentifierKind.HomeAddress, "12 Acacia Road")]
    [InlineData("moved to Flat 2, 14b Oak Tree close in May", IdentifierKind.HomeAddress, "14b Oak Tree close")]
    public void IdentifyingText_IsFound(string text, IdentifierKind kind, string found)
    {
        Assert.Equal([(kind, found)], Find(text));
    }

    [Theory]
    [InlineData("Mum (AB) disclosed DA to the HV on 3 June 2021; referral to CSC, strategy meeting held, ICPC within 15 working days.")]
    [InlineData("Accommodated under s20 in March; s47 enquiry completed, CP plan under the category of neglect.")]
    [InlineData("The Health Visitor and Children's Social Care attended; Early Help had closed the CAF.")]
    [InlineData("Seen on 12/03/2021 and again on 19/03/2021 by the school nurse.")]
    [InlineData("Case UIN 4471 in the sample; 943 476 5918 is not a valid NHS number.")]
    [InlineData("Grace Health Visitor is a role, as is Sarah Social Worker in the fictional rota.")]
    [InlineData("There were 3 Family Court hearings and 2 Core Group meetings; the Early Help Hub closed the case.")]
    [InlineData("Children's Social Care held 4 Strategy Meetings in 10 Working Days.")]
    public void OrdinaryAuditText_IsNotFlagged(string text)
    {
        Assert.Empty(Find(text));
    }

    [Fact]
    public void SeveralIdentifiers_AreAllFoundInOrderWithAdvice()
    {
        var findings = IdentifiableDataDetector.Find("Dr Patel phoned 07700 900456 about the baby (DOB 01/02/2024).");

        Assert.Equal([IdentifierKind.FullName, IdentifierKind.PhoneNumber, IdentifierKind.DateOfBirth], findings.Select(f => f.Kind));
        Assert.Contains("initials and a role", findings[0].Advice);
        Assert.Equal("07700 900456", "Dr Patel phoned 07700 900456 about the baby (DOB 01/02/2024).".Substring(findings[1].Start, findings[1].Length));
    }
}
