using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Audits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Audits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ThemeSource = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TermsOfReference = table.Column<string>(type: "text", nullable: true),
                    ToolVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LookbackRule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SampleSizeTarget = table.Column<int>(type: "integer", nullable: true),
                    RequestsSentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReturnWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ReturnsDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PanelOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Audits_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Audits_ToolVersions_ToolVersionId",
                        column: x => x.ToolVersionId,
                        principalTable: "ToolVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_PartnershipId_Status",
                table: "Audits",
                columns: new[] { "PartnershipId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_ToolVersionId",
                table: "Audits",
                column: "ToolVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Audits");
        }
    }
}
