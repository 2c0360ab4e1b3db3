using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PracticeReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReviewId",
                table: "Recommendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewId",
                table: "Audits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChronologyEventTypes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Signal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyEventTypes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyEventTypes_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubjectCaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TriggerIncident = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IncidentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NotifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RapidReviewDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermsOfReference = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ChronologiesDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ChronologyAccess = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Process = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    FamilyBackground = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Analysis = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeReviews_Cases_SubjectCaseId",
                        column: x => x.SubjectCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeReviews_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChronologyRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyRequests_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChronologyRequests_PracticeReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PracticeReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLearnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLearnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLearnings_PracticeReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PracticeReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewLearnings_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReviewLearnings_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ChronologyEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Precision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndPrecision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Time = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PeopleIds = table.Column<string>(type: "TEXT", nullable: false),
                    SourceReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgencyComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EventTypeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TypeConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyEvents_ChronologyEventTypes_EventTypeId",
                        column: x => x.EventTypeId,
                        principalTable: "ChronologyEventTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChronologyEvents_ChronologyRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ChronologyRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_ReviewId",
                table: "Recommendations",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_Audits_ReviewId",
                table: "Audits",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEvents_EventTypeId",
                table: "ChronologyEvents",
                column: "EventTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEvents_RequestId",
                table: "ChronologyEvents",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEvents_ReviewId_StartsOn",
                table: "ChronologyEvents",
                columns: new[] { "ReviewId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEventTypes_PartnershipId_Name",
                table: "ChronologyEventTypes",
                columns: new[] { "PartnershipId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyRequests_AgencyId_Status",
                table: "ChronologyRequests",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyRequests_ReviewId_AgencyId",
                table: "ChronologyRequests",
                columns: new[] { "ReviewId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeReviews_PartnershipId",
                table: "PracticeReviews",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeReviews_SubjectCaseId",
                table: "PracticeReviews",
                column: "SubjectCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLearnings_RecommendationId",
                table: "ReviewLearnings",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLearnings_ReviewId_Kind_Number",
                table: "ReviewLearnings",
                columns: new[] { "ReviewId", "Kind", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLearnings_ThemeId",
                table: "ReviewLearnings",
                column: "ThemeId");

            migrationBuilder.AddForeignKey(
                name: "FK_Audits_PracticeReviews_ReviewId",
                table: "Audits",
                column: "ReviewId",
                principalTable: "PracticeReviews",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Recommendations_PracticeReviews_ReviewId",
                table: "Recommendations",
                column: "ReviewId",
                principalTable: "PracticeReviews",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Audits_PracticeReviews_ReviewId",
                table: "Audits");

            migrationBuilder.DropForeignKey(
                name: "FK_Recommendations_PracticeReviews_ReviewId",
                table: "Recommendations");

            migrationBuilder.DropTable(
                name: "ChronologyEvents");

            migrationBuilder.DropTable(
                name: "ReviewLearnings");

            migrationBuilder.DropTable(
                name: "ChronologyEventTypes");

            migrationBuilder.DropTable(
                name: "ChronologyRequests");

            migrationBuilder.DropTable(
                name: "PracticeReviews");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_ReviewId",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Audits_ReviewId",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "ReviewId",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ReviewId",
                table: "Audits");
        }
    }
}
