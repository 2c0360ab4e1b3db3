using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Postgres.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewId",
                table: "Audits",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChronologyEventTypes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Signal = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Keywords = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TriggerIncident = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IncidentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RapidReviewDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TermsOfReference = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ChronologiesDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ChronologyAccess = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Introduction = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Process = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    FamilyBackground = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Analysis = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Precision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndPrecision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PeopleIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    SourceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AgencyComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EventTypeId = table.Column<Guid>(type: "uuid", nullable: true),
                    TypeConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
