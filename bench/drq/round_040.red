;redcode-94
;name offline r7 s61
;author drq offline generator
;strategy mutated r7s52: switched to a scanner; crossover: the mate's scanner block replaces ours
;header
        SPL.B  $16, $0
        SPL.B  $26, $0
;block scanner 0
        ADD.AB #3276, $9
        JMN.F  $3, @8
        DJN.B  $-2, #104
        JMP.B  $8, $0
        SUB.AB #5, $5
        MOV.I  $3, >4
        DJN.B  $-1, #30
        JMP.B  $4, $0
        SPL.B  #0, $0
        DAT.F  #0, #5
        DAT.F  #0, #5
        SPL.B  #0, $0
        MOV.I  $-2, >-3
        DJN.F  $-1, >-4
;block imp 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $2, $0
        JMP.B  @0, $3
        ADD.AB #2667, $-1
        DAT.F  #0, #0
        MOV.I  #0, $2667
;block scanner 1
        DAT.F  #8, #8
        ADD.F  $-1, $1
        SNE.I  $143, $147
        DJN.B  $-2, #1000
        MOV.AB $-2, $6
        ADD.AB #-16, $5
        MOV.I  $3, >4
        DJN.B  $-1, #38
        JMP.B  $4, $0
        SPL.B  #0, $0
        DAT.F  #0, #5
        DAT.F  #0, #5
        SPL.B  #0, $0
        MOV.I  $-2, >-3
        DJN.F  $-1, >-4
        end     0
