using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    TemplateKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ToolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Guidance = table.Column<string>(type: "text", nullable: true),
                    AsksOverallAgencyJudgement = table.Column<bool>(type: "boolean", nullable: false),
                    AsksPartnershipJudgement = table.Column<bool>(type: "boolean", nullable: false),
                    AsksGoodPractice = table.Column<bool>(type: "boolean", nullable: false),
                    AsksOtherComments = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ToolVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Guidance = table.Column<string>(type: "text", nullable: true),
                    HasJudgement = table.Column<bool>(type: "boolean", nullable: false),
                    JudgementPrompt = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Applicability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AgencyTypes = table.Column<int[]>(type: "integer[]", nullable: false),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    HelpText = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    CommentRequiredOnNo = table.Column<bool>(type: "boolean", nullable: false),
                    CommentRequiredOnNa = table.Column<bool>(type: "boolean", nullable: false),
                    Options = table.Column<List<string>>(type: "text[]", nullable: false)
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
