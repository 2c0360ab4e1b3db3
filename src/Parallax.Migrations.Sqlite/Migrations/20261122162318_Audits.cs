using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ThemeSource = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TermsOfReference = table.Column<string>(type: "TEXT", nullable: true),
                    ToolVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LookbackRule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SampleSizeTarget = table.Column<int>(type: "INTEGER", nullable: true),
                    RequestsSentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReturnWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PanelOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
