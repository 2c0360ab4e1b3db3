using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditTools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    TemplateKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditTools_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ToolVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FrozenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Guidance = table.Column<string>(type: "TEXT", nullable: true),
                    AsksOverallAgencyJudgement = table.Column<bool>(type: "INTEGER", nullable: false),
                    AsksPartnershipJudgement = table.Column<bool>(type: "INTEGER", nullable: false),
                    AsksGoodPractice = table.Column<bool>(type: "INTEGER", nullable: false),
                    AsksOtherComments = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ToolVersions_AuditTools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "AuditTools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ToolSection",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Guidance = table.Column<string>(type: "TEXT", nullable: true),
                    HasJudgement = table.Column<bool>(type: "INTEGER", nullable: false),
                    JudgementPrompt = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Applicability = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgencyTypes = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolSection", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ToolSection_ToolVersions_ToolVersionId",
                        column: x => x.ToolVersionId,
                        principalTable: "ToolVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ToolQuestion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    HelpText = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommentRequiredOnNo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommentRequiredOnNa = table.Column<bool>(type: "INTEGER", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolQuestion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ToolQuestion_ToolSection_SectionId",
                        column: x => x.SectionId,
                        principalTable: "ToolSection",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTools_PartnershipId_Name",
                table: "AuditTools",
                columns: new[] { "PartnershipId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ToolQuestion_SectionId",
                table: "ToolQuestion",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ToolSection_ToolVersionId",
                table: "ToolSection",
                column: "ToolVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ToolVersions_ToolId_Number",
                table: "ToolVersions",
                columns: new[] { "ToolId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ToolQuestion");

            migrationBuilder.DropTable(
                name: "ToolSection");

            migrationBuilder.DropTable(
                name: "ToolVersions");

            migrationBuilder.DropTable(
                name: "AuditTools");
        }
    }
}
