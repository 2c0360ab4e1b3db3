using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Panels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CompiledViewAccess",
                table: "Audits",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "AfterDeadline");

            migrationBuilder.CreateTable(
                name: "PanelCaseRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slot = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PenPicture = table.Column<string>(type: "TEXT", nullable: true),
                    WorkedWell = table.Column<string>(type: "TEXT", nullable: true),
                    AreasForImprovement = table.Column<string>(type: "TEXT", nullable: true),
                    Learning = table.Column<string>(type: "TEXT", nullable: true),
                    AgreedGrade = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    AgreedQualifier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelCaseRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelCaseRecords_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PanelCaseRecords_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelMeetings_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnQueries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RaisedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnQueries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnQueries_ReturnRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ReturnRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnQueryMessage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QueryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromAgency = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnQueryMessage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnQueryMessage_ReturnQueries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "ReturnQueries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PanelCaseRecords_AuditId_CaseId",
                table: "PanelCaseRecords",
                columns: new[] { "AuditId", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelCaseRecords_CaseId",
                table: "PanelCaseRecords",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMeetings_AuditId",
                table: "PanelMeetings",
                column: "AuditId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnQueries_RequestId_Status",
                table: "ReturnQueries",
                columns: new[] { "RequestId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnQueryMessage_QueryId",
                table: "ReturnQueryMessage",
                column: "QueryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PanelCaseRecords");

            migrationBuilder.DropTable(
                name: "PanelMeetings");

            migrationBuilder.DropTable(
                name: "ReturnQueryMessage");

            migrationBuilder.DropTable(
                name: "ReturnQueries");

            migrationBuilder.DropColumn(
                name: "CompiledViewAccess",
                table: "Audits");
        }
    }
}
